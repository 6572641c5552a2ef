"""Amounts too large for any budget — a field, a line's total, the budget's total, the number
of documents handed in on paper, a report's revenue — are refused with a message naming them, in the reader's
language; nothing is written and the page never fails."""

import pytest

from aimaq.accounts.models import Role
from aimaq.grants.models import Application, Award, BudgetLine, Decision, MonitoringReport
from aimaq.grants.services import intake
from aimaq.grants.tests.test_intake import draft_data
from aimaq.grants.tests.world import make_application, make_competition
from aimaq.testing.people import UserFactory, user_with_role

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
RUSSIAN = {"HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.fixture
def competition(tree):
    return make_competition(tree)


@pytest.fixture
def draft(client, competition, tree):
    person = UserFactory()
    client.force_login(person)
    return intake.start_application(competition, draft_data(tree), by=person)


def budget(*lines):
    data = {
        "budget-TOTAL_FORMS": str(len(lines)),
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
    }
    for number, line in enumerate(lines):
        data.update({f"budget-{number}-{key}": str(value) for key, value in line.items()})
    return data


def line(unit_cost, requested, own=0, quantity="1", item="Oven"):
    return {
        "item": item,
        "quantity": quantity,
        "unit_cost": unit_cost,
        "requested": requested,
        "own": own,
    }


def post_budget(client, draft, data, language=ENGLISH):
    response = client.post(f"/grants/applications/{draft.pk}/budget/", data, **language)
    assert response.status_code == 200
    assert not BudgetLine.objects.filter(application=draft).exists()
    draft.refresh_from_db()
    assert draft.total_cost == 0
    return response.content.decode()


def test_an_amount_beyond_any_budget_is_refused_naming_the_field(client, draft):
    page = post_budget(client, draft, budget(line(10**20, 10**20)))
    assert "“unit cost, tenge” is at most 10,000,000,000,000,000 tenge." in page
    assert "“from the fund, tenge” is at most 10,000,000,000,000,000 tenge." in page


def test_the_refusal_reads_in_russian(client, draft):
    page = post_budget(client, draft, budget(line(10**20, 10**20)), language=RUSSIAN)
    limit = "10\xa0000\xa0000\xa0000\xa0000\xa0000"
    assert f"«цена за единицу, тенге»: не более {limit} тенге." in page


def test_two_lines_whose_sum_would_overflow_are_refused(client, draft):
    huge = 2**63 - 1
    page = post_budget(client, draft, budget(line(huge, huge), line(huge, huge, item="Mixer")))
    assert page.count("“unit cost, tenge” is at most") == 2


def test_a_budget_total_above_the_limit_is_refused(client, draft):
    most = 10**16
    page = post_budget(client, draft, budget(line(most, most), line(most, most, item="Mixer")))
    assert (
        "The budget&#x27;s total 20,000,000,000,000,000 tenge is more than "
        "10,000,000,000,000,000 tenge." in page
    )


def test_a_line_total_above_the_limit_is_refused_naming_the_line(client, draft):
    page = post_budget(client, draft, budget(line(10**12, 0, quantity="99999999.99")))
    assert (
        "Line 1: «Oven»: the line&#x27;s total 99,999,999,990,000,000,000 tenge is more than "
        "10,000,000,000,000,000 tenge." in page
    )


def test_a_quantity_with_a_decimal_comma_is_read_in_russian(client, draft):
    response = client.post(
        f"/grants/applications/{draft.pk}/budget/",
        budget(line(400_000, 500_000, 100_000, quantity="1,5")),
        **RUSSIAN,
    )
    assert response.status_code == 302
    assert draft.budget_lines.get().total == 600_000


def paper(tree, **changes):
    data = {**draft_data(tree), "language": "ru", "received_at": "2026-11-25T10:00"}
    data.update(territory=data["territory"].pk, documents="2")
    data.update(budget(line(1_000_000, 850_000, 150_000)))
    data.update(changes)
    return data


def post_paper(client, competition, tree, **changes):
    client.force_login(user_with_role(Role.EDITOR, tree["country"]))
    response = client.post(f"/grants/{competition.pk}/paper/", paper(tree, **changes), **ENGLISH)
    assert response.status_code == 200
    assert not Application.objects.exists()
    return response.content.decode()


def test_paper_documents_beyond_the_model_are_a_field_error(client, competition, tree):
    page = post_paper(client, competition, tree, documents=str(10**20))
    assert "Ensure this value is less than or equal to 500." in page


def test_a_paper_budget_beyond_any_amount_is_refused_naming_the_field(client, competition, tree):
    huge = {"budget-0-unit_cost": str(10**19), "budget-0-requested": str(10**19)}
    page = post_paper(client, competition, tree, **huge)
    assert "“unit cost, tenge” is at most 10,000,000,000,000,000 tenge." in page


def test_a_paper_budget_total_above_the_limit_is_refused(client, competition, tree):
    most = 10**16
    lines = budget(line(most, most), line(most, most, item="Mixer"))
    page = post_paper(client, competition, tree, **lines)
    assert "The budget&#x27;s total 20,000,000,000,000,000 tenge" in page


def test_a_report_with_revenue_beyond_any_amount_is_refused_naming_the_field(client, tree):
    competition = make_competition(tree)
    person = UserFactory()
    application = make_application(competition, tree["nura"], applicant=person)
    decision = Decision.objects.create(competition=competition, remainder_rule="skip", fund=1)
    award = Award.objects.create(application=application, decision=decision, amount=1_000_000)
    client.force_login(person)
    report = {"period_end": "2025-12-31", "jobs_created": "2", "revenue": str(10**20)}
    response = client.post(f"/grants/awards/{award.pk}/reports/", report, **ENGLISH)
    assert response.status_code == 200
    assert "“revenue in the period, tenge” is at most" in response.content.decode()
    assert not MonitoringReport.objects.exists()
