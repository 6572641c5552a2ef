"""The API twins answer with the same numbers as the pages (they call the same selectors)."""

import pytest

from aimaq.indicators.classification import choropleth
from aimaq.indicators.selectors import comparison_table, territory_profile
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_indicator_list_api(client, world):
    data = client.get("/api/indicators/").json()
    codes = {row["code"]: row for row in data}
    assert codes["income"]["is_demo"] is True
    assert codes["unemployment"]["sdg_target"] == "8.5"


def test_profile_api_matches_the_page_selector(client, world):
    data = client.get("/api/indicators/profile/355200000").json()
    page = {r.indicator.code: r for r in territory_profile(world["nura"]).rows}
    assert data["territory"]["kato"] == "355200000"
    assert data["parent"]["kato"] == "350000000"
    for row in data["rows"]:
        expected = page[row["indicator"]]
        assert row["value"] == expected.value
        assert row["rank"] == expected.rank
        assert row["gap_parent"] == pytest.approx(expected.gap_parent)
        assert row["verdict_national"] == expected.verdict_national
    unemployment = next(r for r in data["rows"] if r["indicator"] == "unemployment")
    assert (unemployment["rank"], unemployment["rank_total"]) == (3, 3)
    assert unemployment["verdict_parent"] == "worse"


def test_profile_api_unknown_territory_404(client, world):
    assert client.get("/api/indicators/profile/999999999").status_code == 404


def test_compare_api_matches_the_table(client, world):
    url = "/api/indicators/compare?t=355200000&t=354800000&i=income&i=unemployment&period=2021"
    data = client.get(url + "&sort=income&dir=desc").json()
    assert data["period"] == "2021"
    assert data["indicators"] == ["income", "unemployment"]
    assert [r["kato"] for r in data["rows"]] == ["354800000", "355200000"]
    table = comparison_table(
        [world["nura"], world["osakarovka"]], [world["income"], world["unemployment"]], "2021"
    )
    by_kato = {t.kato: [c.value for c in cells] for t, cells in table.rows()}
    for row in data["rows"]:
        assert row["values"] == by_kato[row["kato"]]


def test_choropleth_api_is_geojson_with_legend(client, world):
    data = client.get("/api/indicators/choropleth/unemployment?parent=350000000&k=3").json()
    assert data["type"] == "FeatureCollection"
    assert data["period"] == "2022"
    features = {f["properties"]["kato"]: f for f in data["features"]}
    assert set(features) == {"353200000", "354800000", "355200000"}
    assert features["355200000"]["geometry"]["type"] == "Polygon"
    assert features["354800000"]["geometry"]["type"] == "Point"
    page = choropleth(world["unemployment"], world["karaganda"], k=3)
    for f in page.features:
        assert features[f.territory.kato]["properties"]["value"] == f.value
        assert features[f.territory.kato]["properties"]["colour"] == f.colour
    assert sum(entry["count"] for entry in data["legend"]) == 3


def test_series_api(client, world):
    data = client.get("/api/indicators/series/income?t=355200000&t=350000000").json()
    assert [s["kato"] for s in data["series"]] == ["355200000", "350000000"]
    assert data["series"][0]["points"] == [["2020", 150000], ["2021", 160000], ["2022", 170000]]


def test_poverty_api_sorts_furthest_behind_first(client, world):
    data = client.get("/api/indicators/poverty/350000000").json()
    assert data["indicator"] == "poverty_rate"
    assert data["value"] == 3.8
    assert [t["kato"] for t in data["furthest_behind"]] == ["355200000", "354800000", "353200000"]
    assert {d["indicator"] for d in data["dimensions"]} == {"poverty_rate", "poverty_child"}


def test_typology_api_is_deterministic(client, world):
    url = "/api/indicators/typology/350000000?i=unemployment&i=income&k=2"
    first, second = client.get(url).json(), client.get(url).json()
    assert first == second
    assert sum(len(g["members"]) for g in first["groups"]) == 3


def test_import_status_api_needs_a_person_and_hides_others_runs(client, world):
    from aimaq.indicators.models import ImportRun
    from aimaq.testing.people import UserFactory

    author, other = UserFactory(), UserFactory()
    run = ImportRun.objects.create(file_name="x.csv", file_format="csv", created_by=author)
    url = f"/api/indicators/imports/{run.pk}"
    assert client.get(url).status_code == 401
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert client.get(url).json()["id"] == run.pk


def test_openapi_schema_lists_the_twins(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/indicators/profile/{kato}",
        "/api/indicators/compare",
        "/api/indicators/choropleth/{code}",
        "/api/indicators/series/{code}",
        "/api/indicators/poverty/{kato}",
        "/api/indicators/typology/{kato}",
    ):
        assert path in paths
