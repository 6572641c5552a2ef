import pytest
from django.urls import reverse

from aimaq.indicators.selectors import poverty_analysis
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_poverty_lists_children_furthest_behind_first(world):
    data = poverty_analysis(world["karaganda"])
    assert (data.period, data.value) == ("2022", 3.8)
    assert [t.kato for t, _v in data.furthest_behind] == ["355200000", "354800000", "353200000"]
    child = next(d for d in data.dimensions if d.indicator.code == "poverty_child")
    assert (child.value, child.national_value) == (7.0, None)


def test_poverty_page_shows_headcount_trend_map_and_ranking(client, world):
    url = reverse("indicators:poverty", args=["350000000"])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Poverty headcount: <strong>3.8\u00a0%</strong>" in html
    assert "Child poverty" in html
    assert '<svg class="chart"' in html and '<svg class="map"' in html
    body = html[html.index("furthest-behind") :]
    assert body.index("Nura") < body.index("Osakarovka") < body.index("Abai")


def test_poverty_page_without_the_indicator(client, db):
    from aimaq.testing.territories import country

    country()
    html = client.get(reverse("indicators:poverty", args=["000000000"])).content.decode()
    assert "poverty_rate" in html
