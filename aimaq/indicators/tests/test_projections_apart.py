"""Projections kept apart on the analysis pages: a value imported as a projection is not a
reported figure — not in a series' figures, not ranked in a comparison, not the map's
default period, not summed up the tree — and where it is shown, it is shown as one."""

import pytest
from django.urls import reverse

from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.models import Aggregation, Observation, ObservationStatus
from aimaq.testing.indicators import IndicatorFactory
from aimaq.testing.territories import TerritoryFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kz = country()
    akmola = TerritoryFactory(kato="110000000", parent=kz, name_en="Akmola Region")
    kostanay = TerritoryFactory(kato="390000000", parent=kz, name_en="Kostanay Region")
    people = IndicatorFactory(code="people", name_en="People", aggregation=Aggregation.SUM)
    for unit, base in ((akmola, 700_000), (kostanay, 800_000)):
        for year in range(2019, 2024):
            Observation.objects.create(
                indicator=people, territory=unit, period=str(year), value=base + year
            )
        for year in (2030, 2040):
            Observation.objects.create(
                indicator=people,
                territory=unit,
                period=str(year),
                value=base * 3,
                status=ObservationStatus.PROJECTION,
            )
    return {"kz": kz, "akmola": akmola, "people": people}


def page(client, name, *args, query=""):
    url = reverse(name, args=args) + query
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_series_shows_projections_apart_labelled_as_such(client, world):
    html = page(client, "indicators:series", "people", query="?t=110000000")
    figures = html[html.index('class="ind-table series-table"') :]
    figures = figures[: figures.index("</table>")]
    assert ">2023<" in figures and ">2030<" not in figures
    projections = html[html.index('class="series-projections"') :]
    assert ">2030<" in projections and "2,100,000" in projections
    assert "Akmola Region (projection)" in html  # its own line on the chart


def test_the_map_defaults_to_the_last_reported_year_and_offers_no_projected_one(client, world):
    html = page(client, "indicators:map", "people", query="?parent=000000000")
    assert "People in 2023" in html
    assert 'value="2030"' not in html and 'value="2040"' not in html


def test_a_comparison_ranks_reported_figures_only(client, world):
    html = page(client, "indicators:compare", query="?parent=000000000&i=people")
    assert "2,100,000" not in html and "2,400,000" not in html
    assert "702,023" in html


def test_projections_are_not_summed_up_the_tree(world):
    summed = {(v.kato, v.period): v.value for v in aggregate(world["people"])}
    assert summed[("000000000", "2023")] == 700_000 + 800_000 + 2 * 2023
    assert ("000000000", "2030") not in summed and ("110000000", "2030") not in summed


def test_the_pivot_and_the_coverage_report_count_reported_figures_only(client, world):
    html = page(client, "indicators:pivot", query="?i=people&parent=000000000&p=2023&p=2030")
    assert "2,100,000" not in html and "702,023" in html

    from aimaq.indicators.selectors import indicator_coverage

    coverage = indicator_coverage(world["people"], world["kz"])
    assert "2030" not in coverage.periods and "2023" in coverage.periods
