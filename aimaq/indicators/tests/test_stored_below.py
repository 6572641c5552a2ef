"""A profile computed from below reads the values the import stored (`sums_below.py`): the
same figures as an aggregation of the published figures, after an import, an approval and a
withdrawal, and the public never sees figures awaiting approval through them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aimaq.accounts.models import Role
from aimaq.indicators import approvals
from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.models import Aggregation, ImportApproval, Indicator
from aimaq.indicators.selectors.computed import aggregated_series
from aimaq.indicators.sums_below import fresh_values
from aimaq.indicators.tests.test_approval import import_as
from aimaq.indicators.tests.test_import_csv import do_import
from aimaq.indicators.tests.test_views_fixtures import make_indicator, make_world
from aimaq.indicators.visibility import published_reading
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.django_db

ABOVE = ("country", "karaganda", "east")  # units that report none of these figures


@pytest.fixture
def below(db):
    world = make_world()
    make_indicator("people", unit_en="persons", decimals=0, aggregation=Aggregation.SUM)
    make_indicator("share", decimals=1, aggregation=Aggregation.POPULATION_WEIGHTED)
    rows = [
        f"{code},{world[unit].kato},{year},{value + k}"
        for code, value in (("people", 1000), ("share", 10))
        for k, unit in enumerate(("nura", "osakarovka", "abai", "glubokoe"))
        for year in ("2021", "2022")
    ]
    do_import("indicator,kato,period,value\n" + "\n".join(rows) + "\n")  # published at once
    return world


def live(world) -> dict:
    """{(code, unit): series} aggregated from the published figures, as the public sees."""
    out = {}
    with published_reading():
        for code in ("people", "share"):
            indicator = Indicator.objects.get(code=code)
            for unit in ABOVE:
                out[(code, unit)] = sorted(
                    (v.period, v.value)
                    for v in aggregate(indicator)
                    if v.territory_id == world[unit].pk and not v.disaggregation
                )
    return out


def stored(world) -> dict:
    """The same, as the profile reads it; asserting it read no figure."""
    indicators = list(Indicator.objects.filter(code__in=["people", "share"]))
    out = {}
    with CaptureQueriesContext(connection) as queries:
        for unit in ABOVE:
            series = aggregated_series(indicators, world[unit], None)
            for indicator in indicators:
                out[(indicator.code, unit)] = series.get(indicator.pk, [])
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "indicators_storedvalue" in read and "indicators_observation" not in read
    return out


def people_in_karaganda(client) -> str:
    html = client.get("/indicators/profile/350000000/?period=2022", HTTP_ACCEPT_LANGUAGE="en")
    cell = r'data-indicator="people">.*?<td class="num"><a [^>]*>([^<]*)</a>'
    row = re.search(cell, html.content.decode(), re.S)
    assert row is not None
    return row.group(1).split("\xa0")[0]


def test_values_from_below_read_from_storage_equal_the_aggregation_through_approval(
    client, below, immediate_tasks, django_capture_on_commit_callbacks
):
    published = live(below)
    assert published[("people", "country")] == [("2021", 4006.0), ("2022", 4006.0)]
    assert stored(below) == published
    assert people_in_karaganda(client) == "3,003"

    editor = user_with_role(Role.EDITOR, below["nura"])
    changed = f"indicator,kato,period,value\npeople,{below['nura'].kato},2022,2000\n"
    run = import_as(client, editor, changed, django_capture_on_commit_callbacks)
    assert people_in_karaganda(client) == "4,003"  # the editor sees their figures at once
    client.logout()
    assert stored(below) == published == live(below)  # the public: the published ones only
    assert people_in_karaganda(client) == "3,003"

    manager = user_with_role(Role.MANAGER, below["karaganda"])
    approval = approvals.approve(ImportApproval.objects.get(import_run=run), by=manager)
    approved = live(below)
    assert approved[("people", "karaganda")][-1] == ("2022", 4003.0)
    assert stored(below) == approved
    assert people_in_karaganda(client) == "4,003"

    approvals.withdraw(approval, by=manager, comment="Checking the okrug counts")
    assert stored(below) == live(below) == published
    assert people_in_karaganda(client) == "3,003"


def test_a_derived_indicator_is_stored_again_after_the_commit_of_an_import_of_its_part(
    db, django_capture_on_commit_callbacks
):
    world = make_world()
    people = make_indicator("people", decimals=0, aggregation=Aggregation.SUM)
    homes = make_indicator("homes", decimals=0, aggregation=Aggregation.SUM)
    size = make_indicator("size", decimals=2, numerator=people, denominator=homes)
    rows = "".join(
        f"{code},{world[unit].kato},2022,{value}\n"
        for unit in ("nura", "osakarovka", "abai")
        for code, value in (("people", 3000), ("homes", 1000))
    )
    with django_capture_on_commit_callbacks(execute=True):
        do_import("indicator,kato,period,value\n" + rows)
    assert fresh_values([size.pk]) == {size.pk}
    karaganda = world["karaganda"]
    assert aggregated_series([size], karaganda, None) == {size.pk: [("2022", 3.0)]}

    with django_capture_on_commit_callbacks(execute=False) as later:
        do_import(f"indicator,kato,period,value\nhomes,{world['nura'].kato},2022,500\n")
    assert fresh_values([size.pk]) == set()  # until the commit: computed as before
    assert aggregated_series([size], karaganda, None) == {size.pk: [("2022", 3.6)]}
    for callback in later:
        callback()
    assert fresh_values([size.pk]) == {size.pk}
    assert aggregated_series([size], karaganda, None) == {size.pk: [("2022", 3.6)]}
