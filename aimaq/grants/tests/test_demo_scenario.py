"""The seed competition as demo: the real call's rules and totals hold — 31 applications
(17 from East Kazakhstan, 14 from Karagandy), 12 projects funded (5 + 7) for exactly
12,000,000 tenge, ceremonies on 6 and 11 December 2018 — and what is demo is marked."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from aimaq.grants import demo_data
from aimaq.grants.demo import TITLE_EN, load_demo_grants
from aimaq.grants.models import FUNDED, Application, Award, Competition, Outcome
from aimaq.grants.rules.gates import share_within
from aimaq.grants.selectors.ranking import competition_rows
from aimaq.grants.services.decision import composition_problems, latest_decision

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(django_db_setup, django_db_blocker, module_media):
    from aimaq.territories.demo import load_demo_territories

    media = override_settings(MEDIA_ROOT=module_media)
    with media, django_db_blocker.unblock(), transaction.atomic():
        load_demo_territories()
        outcome = load_demo_grants()
        yield outcome, Competition.objects.get(name_en=TITLE_EN)
        transaction.set_rollback(True)


def east(application: Application) -> bool:
    return application.territory.kato.startswith("63")


def test_the_call_carries_the_sources_rules(seed, db):
    _outcome, competition = seed
    assert competition.fund == 12_000_000
    assert (competition.min_budget, competition.max_budget) == (500_000, 1_200_000)
    assert (competition.own_share_min, competition.own_share_max) == (Decimal(10), Decimal(20))
    assert competition.announced_on == date(2018, 10, 16)
    assert competition.committee_on == date(2018, 11, 22)
    katos = set(competition.eligible_territories.values_list("kato", flat=True))
    assert katos == set(demo_data.ELIGIBLE) and len(katos) == 10
    assert competition.is_demo and "Demo data" in competition.source


def test_thirty_one_applications_seventeen_and_fourteen(seed, db):
    _outcome, competition = seed
    applications = list(competition.applications.select_related("territory"))
    assert len(applications) == 31
    assert sum(east(a) for a in applications) == 17
    assert sum(not east(a) for a in applications) == 14
    assert all(a.is_demo for a in applications)


def test_twelve_projects_five_and_seven_for_exactly_twelve_million(seed, db):
    _outcome, competition = seed
    decision = latest_decision(competition, signed=True)
    funded = list(
        decision.lines.filter(outcome__in=FUNDED).select_related("application__territory")
    )
    assert len(funded) == 12
    assert sum(east(line.application) for line in funded) == 5
    assert sum(line.amount for line in funded) == 12_000_000 == decision.total_awarded
    for line in funded:
        application = line.application
        assert 500_000 <= application.total_cost <= 1_200_000
        assert share_within(
            application.own_contribution, application.total_cost, Decimal(10), Decimal(20)
        )
        assert line.amount == application.requested
    assert decision.signed_at.date() == date(2018, 11, 22)
    assert not composition_problems(decision)


def test_the_ranking_rule_reproduces_the_signed_decision(seed, db):
    _outcome, competition = seed
    ranking = competition_rows(competition)
    decision = latest_decision(competition, signed=True)
    signed = {line.application_id: line.outcome for line in decision.lines.all()}
    assert {row.application.pk: row.outcome for row in ranking.rows} == signed
    assert ranking.selection.total == 12_000_000 and ranking.selection.remainder == 0
    assert len(ranking.reserve) == 12
    assert ranking.best is not None and ranking.best.total_score >= ranking.selection.total_score


def test_gates_conflicts_and_the_outlier_are_in_the_record(seed, db):
    _outcome, competition = seed
    decision = latest_decision(competition, signed=True)
    outcomes = [line.outcome for line in decision.lines.all()]
    assert outcomes.count(Outcome.FAILED_GATE) == 4  # share 25 %, budget, duplicate, minimum
    assert outcomes.count(Outcome.BELOW_THRESHOLD) == 2
    assert outcomes.count(Outcome.WITHDRAWN) == 1
    assert sum(bool(line.recused) for line in decision.lines.all()) == 2
    assert competition.applications.filter(duplicate_flags__kind="same_id").count() == 2


def test_ceremonies_in_oskemen_and_nura_and_jobs_in_the_indicators(seed, db):
    from aimaq.indicators.models import Observation

    _outcome, competition = seed
    awards = Award.objects.filter(application__competition=competition).select_related(
        "application__territory"
    )
    days = {(east(a.application), a.ceremony_on) for a in awards}
    assert days == {(True, date(2018, 12, 6)), (False, date(2018, 12, 11))}
    values = Observation.objects.filter(indicator__code="grant_jobs_created", period="2019")
    assert values.count() >= 5
    assert sum(v.value for v in values) > 0


def test_loading_the_demo_again_changes_nothing(seed, db):
    count = Application.objects.count()
    assert "already there" in load_demo_grants().summary
    assert Application.objects.count() == count


def test_the_donor_projects_results_count_the_twelve_businesses_without_personal_data(
    seed, client, db
):
    _outcome, competition = seed
    client.cookies["django_language"] = "en"
    html = client.get(f"/grants/{competition.pk}/").content.decode()
    assert f"/grants/programmes/{competition.organiser_id}/" in html
    page = client.get(f"/grants/programmes/{competition.organiser_id}/")
    text = " ".join(page.content.decode().split())
    assert "Businesses funded</dt><dd>12</dd>" in text
    assert "12,000,000" in text
    planned = sum(
        a.application.jobs_planned for a in Award.objects.filter(decision__competition=competition)
    )
    assert f"Jobs planned</dt><dd>{planned}</dd>" in text
    for application in competition.applications.all():
        for personal in (application.iin, application.bin, application.phone, application.address):
            assert not personal or personal not in text


def test_the_applicants_documents_open_as_pdfs(seed, client, db, shared_media):
    import re

    from aimaq.accounts.models import User
    from aimaq.core.documents.readback import pdf_pages

    client.force_login(User.objects.get(username=demo_data.APPLICANT_LOGIN))
    application = Application.objects.get(applicant__username=demo_data.APPLICANT_LOGIN)
    page = client.get(f"/grants/applications/{application.pk}/").content.decode()
    links = re.findall(r'href="(/attachments/\d+/)">([^<]+)</a>', page)
    assert sorted(name for _url, name in links) == [
        "business-plan.pdf", "cost-estimate.pdf", "identity-card.pdf",
    ]  # fmt: skip
    for url, _name in links:
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(pdf_pages(b"".join(response.streaming_content)))
        assert "Демонстрационн" in text, url
