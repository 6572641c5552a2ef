"""The profile page's cheaper reads keep their promises: the territory with every ancestor in
one query, the unit's own series, the values around it period by period, the sparklines."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import mark_safe

from aimaq.core.charts import sparkline_svg
from aimaq.core.charts.lines import sparkline_text
from aimaq.indicators.selectors.catalogue import all_indicators
from aimaq.indicators.selectors.values import own_series, series_of, values_by_period
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.territories.lookups import territory_or_404
from aimaq.testing.territories import TerritoryFactory


def test_a_territory_comes_with_every_ancestor_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        okrug = territory_or_404(world["zharaspai"].kato, current=True)
        chain = [unit.name_en for unit in okrug.ancestors()]
    assert okrug.pk == world["zharaspai"].pk
    assert chain == [world["country"].name_en, "Karaganda", "Nura"]


def test_the_profile_page_names_the_ancestors_in_its_breadcrumbs(client, world):
    page = client.get(reverse("indicators:profile", args=[world["zharaspai"].kato]))
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("indicators:profile", args=[world["nura"].kato]) in html
    assert reverse("indicators:profile", args=[world["karaganda"].kato]) in html


def test_a_ceased_code_is_found_for_history_but_not_where_a_current_unit_is_needed(client, world):
    gone = TerritoryFactory.create(
        kato="355299000",
        parent=world["nura"],
        name_en="Former okrug",
        valid_to=datetime.date(2020, 1, 1),
    )
    found = territory_or_404(gone.kato)
    assert found.pk == gone.pk and found.parent.pk == world["nura"].pk
    with pytest.raises(Http404):
        territory_or_404(gone.kato, current=True)
    assert client.get(reverse("indicators:profile", args=[gone.kato])).status_code == 404


@pytest.mark.parametrize("cap", [None, "2021-~"])
def test_a_units_own_series_are_series_of_it_alone(world, cap):
    ids = list(all_indicators())
    unit = world["nura"]
    expected = {pk: s for (pk, _t), s in series_of([unit.pk], ids, cap=cap, derive=False).items()}
    assert own_series(unit.pk, ids, cap=cap) == expected
    assert own_series(unit.pk, ids, cap=cap)[world["income"].pk][-1][0] == (
        "2021" if cap else "2022"
    )


def test_values_around_are_read_for_each_periods_own_indicators(world):
    unemployment, income = world["unemployment"], world["income"]
    units = [world["nura"].pk, world["abai"].pk]
    found = values_by_period({"2020": [unemployment.pk], "2022": [income.pk]}, units)
    assert found == {
        "2020": {(unemployment.pk, units[0]): 6.0, (unemployment.pk, units[1]): 3.5},
        "2022": {(income.pk, units[0]): 170000, (income.pk, units[1]): 280000},
    }


def test_a_sparkline_as_text_is_the_sparkline_svg_escaped_once():
    points = [("2020", 5.0), ("2021", -3.0), ("2022", 9.25)]
    for label in ['Trend of <b>"A" & B</b>', mark_safe("Trend of A &amp; B")]:
        text = sparkline_text(points, label=label)
        assert type(text) is str and text == str(sparkline_svg(points, label=label))
    assert 'aria-label="Trend of A &amp; B"' in sparkline_text(points, label="Trend of A & B")
    assert 'points="2,8.9 48,22 94,2"' in sparkline_text(points, label="x")
