"""The pivot's total and average rows read sums stored by the import that wrote the figures
(`indicators/sums.py`): they show what a plain recount shows, after an import and after an
approval, and a failed import leaves them as they were."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from aimaq.accounts.models import Role
from aimaq.indicators import approvals
from aimaq.indicators.models import (
    Aggregation,
    ImportApproval,
    Indicator,
    Observation,
    StoredSum,
)
from aimaq.indicators.sums import store_sums
from aimaq.indicators.tests.test_approval import import_as
from aimaq.indicators.tests.test_import_csv import do_import
from aimaq.indicators.tests.test_pivot import cells
from aimaq.indicators.tests.test_views_fixtures import (
    make_indicator,
    world_fixture,  # noqa: F401
)
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.django_db

FIGURES = "indicator,kato,period,value\n" + "".join(
    f"people,{kato},2022,{value}\n"
    for kato, value in (("355200000", 1000), ("354800000", 2000), ("353200000", 3000))
)


def pivot(client, world) -> tuple[list[str], list[str], list[str]]:
    """(total row, average row, the queries that added up figures) of people in 2022 over
    Karaganda's rayons."""
    url = f"/indicators/pivot/?i=people&parent={world['karaganda'].kato}&p=2022"
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    added = [q["sql"] for q in queries.captured_queries if "SUM(value)" in q["sql"]]
    return cells(html, "Total"), cells(html, "Average of the rows"), added


def recount(world) -> float:
    rayons = [world[k].pk for k in ("nura", "osakarovka", "abai")]
    return sum(
        Observation.objects.filter(
            indicator__code="people", territory_id__in=rayons, period="2022"
        ).values_list("value", flat=True)
    )


@pytest.fixture
def people(world):
    make_indicator("people", unit_en="persons", decimals=0, aggregation=Aggregation.SUM)
    do_import(FIGURES)
    return world


def test_the_pivot_total_after_an_import_is_the_recount_read_from_stored_sums(client, people):
    total, average, added = pivot(client, people)
    assert recount(people) == 6000
    assert total == ["6,000"] and average == ["2,000"]
    assert added == []  # nothing added up from the figures: the stored sums were read

    do_import("indicator,kato,period,value\npeople,355200000,2022,1500\n")
    total, average, added = pivot(client, people)
    assert recount(people) == 6500
    assert total == ["6,500"] and average == ["2,167"] and added == []


def test_a_failed_import_leaves_the_stored_sums_and_the_total_as_they_were(client, people):
    before = sorted(StoredSum.objects.values_list("territory_id", "level", "total", "count"))
    refused = do_import("indicator,kato,period,value\npeople,355200000,2022,many\n")
    assert refused.status == "refused"
    with pytest.raises(RuntimeError), transaction.atomic():  # a write that fails half-way
        Observation.objects.filter(indicator__code="people").update(value=1)
        store_sums([Observation.objects.filter(indicator__code="people").first().indicator_id])
        raise RuntimeError
    after = sorted(StoredSum.objects.values_list("territory_id", "level", "total", "count"))
    assert after == before and pivot(client, people)[0] == ["6,000"]


def test_figures_awaiting_approval_enter_the_public_total_once_approved(
    client, people, immediate_tasks, django_capture_on_commit_callbacks
):
    editor = user_with_role(Role.EDITOR, people["nura"])
    changed = "indicator,kato,period,value\npeople,355200000,2022,1500\n"
    run = import_as(client, editor, changed, django_capture_on_commit_callbacks)
    client.logout()
    assert pivot(client, people)[:2] == (["6,000"], ["2,000"])  # the public: published only

    manager = user_with_role(Role.MANAGER, people["karaganda"])
    approvals.approve(ImportApproval.objects.get(import_run=run), by=manager)
    total, _average, added = pivot(client, people)
    assert total == ["6,500"] and added == []


def test_the_default_period_counted_from_stored_sums_is_the_one_counted_in_the_figures(people):
    from aimaq.indicators.selectors.periods import _counted_in_figures, period_choice

    do_import("indicator,kato,period,value\npeople,355200000,2023,1100\n")
    people_id = StoredSum.objects.values_list("indicator_id", flat=True).first()
    rayons = [people[k].pk for k in ("nura", "osakarovka", "abai")]
    choice = period_choice([people_id], rayons, by_year=False)
    assert choice.default == "2022" and choice.available == ["2023", "2022"]
    assert choice.counts == dict(_counted_in_figures([people_id], rayons, by_year=False))
    assert choice.counts == {"2022": 3, "2023": 1}


def test_a_year_counts_a_unit_once_however_many_quarters_it_reports(people):
    """The default year of a profile comes from the stored year counts: the same counts as
    the figures give, a unit that reports four quarters counted once, read without
    counting a single figure."""
    from aimaq.indicators.models import Periodicity
    from aimaq.indicators.selectors.periods import _counted_in_figures, period_choice
    from aimaq.indicators.selectors.profile import profile_period
    from aimaq.indicators.selectors.units import siblings_of

    make_indicator("arrivals", periodicity=Periodicity.QUARTER, aggregation=Aggregation.SUM)
    quarters = [("355200000", f"2022-Q{q}") for q in range(1, 5)]
    quarters += [("354800000", "2022-Q2"), ("353200000", "2023-Q1")]
    do_import(
        "indicator,kato,period,value\n"
        + "".join(f"arrivals,{kato},{period},7\n" for kato, period in quarters)
    )
    arrivals = Observation.objects.filter(indicator__code="arrivals").first().indicator_id
    around = siblings_of(people["nura"])
    every = sorted(Indicator.objects.values_list("pk", flat=True))
    store_sums(every)  # the world's other indicators were written without an import
    with CaptureQueriesContext(connection) as queries:
        quarterly = period_choice([arrivals], around)
        profile = profile_period(people["nura"])
    assert quarterly.counts == dict(_counted_in_figures([arrivals], around, by_year=True))
    assert quarterly.counts == {"2022": 2, "2023": 1}
    assert profile.counts == dict(_counted_in_figures(every, around, by_year=True))
    assert profile.counts["2022"] > quarterly.counts["2022"] + 3  # the world's figures too
    assert not [q for q in queries.captured_queries if "COUNT(DISTINCT" in q["sql"]]
