"""A page and its API twin read a request the same way (one query object, queries.py), so
they agree on what was found and name the same entries that match nothing."""

import pytest
from django.urls import reverse

from aimaq.indicators.queries import ComparisonQuery, MapQuery, SeriesQuery
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_comparison_page_and_api_name_the_same_unknown_territories(client, world):
    query = "?t=Nura, Atlantis&t=999999999&t=354800000&i=income&period=2021"
    api = client.get("/api/indicators/compare" + query).json()
    html = page(client, reverse("indicators:compare") + query)
    assert api["unknown_territories"] == ["Atlantis", "999999999"]
    assert "No territory found for «Atlantis», «999999999»." in html
    assert [row["kato"] for row in api["rows"]] == ["355200000", "354800000"]
    assert "Nura" in html and "Osakarovka" in html


def test_comparison_page_and_api_name_the_same_unknown_indicators(client, world):
    query = "?t=355200000&i=income,gdp_per_unicorn&i=unemployment&period=2021"
    api = client.get("/api/indicators/compare" + query).json()
    html = page(client, reverse("indicators:compare") + query)
    assert api["indicators"] == ["income", "unemployment"]
    assert api["unknown_indicators"] == ["gdp_per_unicorn"]
    assert "No indicator has the code «gdp_per_unicorn»." in html


def test_an_unknown_parent_is_named_not_silently_empty(client, world):
    query = "?parent=123456789&i=income"
    api = client.get("/api/indicators/compare" + query).json()
    assert api["rows"] == [] and api["unknown_territories"] == ["123456789"]
    assert "«123456789»" in page(client, reverse("indicators:compare") + query)


def test_series_page_and_api_name_the_same_unknown_territories(client, world):
    query = "?t=Karaganda;Narnia"
    api = client.get("/api/indicators/series/income" + query).json()
    html = page(client, reverse("indicators:series", args=["income"]) + query)
    assert [line["kato"] for line in api["series"]] == ["350000000"]
    assert api["unknown_territories"] == ["Narnia"]
    assert "No territory found for «Narnia»." in html


def test_series_of_only_unknown_territories_is_not_the_countrys(client, world):
    api = client.get("/api/indicators/series/income?t=Narnia").json()
    assert api["series"] == [] and api["unknown_territories"] == ["Narnia"]
    # Asking for nothing still shows the country, on both.
    api = client.get("/api/indicators/series/income").json()
    assert [line["kato"] for line in api["series"]] == ["000000000"]


def test_the_export_reads_the_same_query(client, world):
    query = "?t=Nura,Atlantis&i=income&period=2021"
    csv = client.get(reverse("indicators:compare_export", args=["csv"]) + query)
    assert csv.status_code == 200 and "355200000" in csv.content.decode("utf-8-sig")


def test_map_page_and_api_read_the_same_parameters(client, world):
    query = "?parent=350000000&k=3&scheme=equal_interval&period=2021"
    api = client.get("/api/indicators/choropleth/unemployment" + query).json()
    html = page(client, reverse("indicators:map", args=["unemployment"]) + query)
    assert api["period"] == "2021" and api["scheme"] == "equal_interval"
    assert len(api["legend"]) <= 3
    assert '<option value="2021" selected>2021</option>' in html
    for url in (
        "/api/indicators/choropleth/unemployment",
        reverse("indicators:map", args=["unemployment"]),
    ):
        assert client.get(url + "?parent=123456789").status_code == 404


def test_query_objects_parse_a_querydict(world):
    from django.http import QueryDict

    comparison = ComparisonQuery.parse(
        QueryDict("t=355200000&t=Atlantis&i=income&dir=desc&sort=income")
    )
    assert [t.kato for t in comparison.territories] == ["355200000"]
    assert comparison.unknown_territories == ["Atlantis"] and comparison.descending
    series = SeriesQuery.parse(world["income"], QueryDict(""))
    assert [t.kato for t in series.territories] == ["000000000"]
    chosen = MapQuery.parse(world["income"], QueryDict("k=99&scheme=bogus"))
    assert (chosen.k, chosen.scheme, chosen.parent.kato) == (5, "quantiles", "000000000")
