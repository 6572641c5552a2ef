import pytest

from aimaq.territories.models import Level, Territory
from aimaq.testing.territories import TerritoryFactory, small_tree

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[72.0, 49.0], [75.0, 49.0], [75.0, 51.0], [72.0, 51.0], [72.0, 49.0]]],
}


@pytest.fixture
def tree():
    units = small_tree()
    Territory.objects.filter(kato="350000000").update(
        boundary=SQUARE, boundary_web=SQUARE, boundary_source="geokz", name_kk="Қарағанды облысы"
    )
    Territory.objects.filter(kato="355200000").update(
        boundary_web={"type": "Feature", "geometry": SQUARE, "properties": {}}
    )
    return units


def test_list_filters_by_level_and_parent(client, tree):
    data = client.get("/api/territories/", {"level": "oblast"}).json()
    assert [item["kato"] for item in data["items"]] == ["350000000", "630000000"]
    assert data["count"] == 2
    data = client.get("/api/territories/", {"parent": "350000000"}).json()
    assert [item["kato"] for item in data["items"]] == ["355200000"]


def test_list_paginates(client, tree):
    data = client.get("/api/territories/", {"limit": 2, "offset": 2}).json()
    assert data["count"] == 6 and data["limit"] == 2 and data["offset"] == 2
    assert [item["kato"] for item in data["items"]] == ["355200000", "355243000"]


def test_list_searches_by_name_in_any_spelling(client, tree):
    data = client.get("/api/territories/", {"q": "Qaraghandy"}).json()
    assert data["items"][0]["kato"] == "350000000"


def test_list_by_validity_date_includes_units_that_have_ended(client, tree):
    from datetime import date

    TerritoryFactory(
        kato="620000000",
        parent=tree["country"],
        name_en="Zhezkazgan",
        valid_from=date(1973, 1, 1),
        valid_to=date(1997, 5, 3),
    )
    current = [
        item["kato"]
        for item in client.get("/api/territories/", {"level": "oblast"}).json()["items"]
    ]
    assert "620000000" not in current
    then = client.get("/api/territories/", {"level": "oblast", "valid_on": "1995-01-01"}).json()[
        "items"
    ]
    assert "620000000" in [item["kato"] for item in then]


def test_detail_has_names_in_every_language_and_ancestors(client, tree):
    data = client.get("/api/territories/355243000").json()
    assert data["kato"] == "355243000" and data["level"] == Level.RURAL_OKRUG
    assert data["names"]["ru"] == "Жараспайский сельский округ"
    assert [unit["kato"] for unit in data["ancestors"]] == ["000000000", "350000000", "355200000"]
    assert data["url"] == "/territories/355243000/"
    assert data["centre"] is None and data["has_boundary"] is False


def test_children(client, tree):
    data = client.get("/api/territories/350000000/children").json()
    assert [item["kato"] for item in data] == ["355200000"]


def test_unknown_code_is_404_with_a_message(client, tree):
    for url in (
        "/api/territories/999999999",
        "/api/territories/999999999/children",
        "/api/territories/999999999/boundary.geojson",
        "/api/territories/abc",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "KATO code" in response.json()["detail"]


def test_boundary_geojson(client, tree):
    response = client.get("/api/territories/350000000/boundary.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    feature = response.json()["features"][0]
    assert feature["geometry"] == SQUARE
    assert feature["properties"]["kato"] == "350000000"
    assert feature["properties"]["boundary_source"] == "geokz"


def test_boundary_missing_is_404(client, tree):
    response = client.get("/api/territories/630000000/boundary.geojson")
    assert response.status_code == 404 and "No boundary" in response.json()["detail"]


def test_children_boundaries(client, tree):
    data = client.get("/api/territories/350000000/children.geojson").json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["kato"] for f in data["features"]] == ["355200000"]
    assert data["features"][0]["geometry"] == SQUARE


def test_openapi_schema_describes_every_path(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    paths = {path for path in schema["paths"] if path.startswith("/api/territories")}
    assert {
        "/api/territories/",
        "/api/territories/{kato}",
        "/api/territories/{kato}/children",
        "/api/territories/{kato}/boundary.geojson",
        "/api/territories/{kato}/children.geojson",
    } <= paths
    for path in paths:
        for operation in schema["paths"][path].values():
            assert operation["responses"], path
            assert "404" in operation["responses"], path
            assert operation.get("summary"), path


def test_api_docs_page_renders(client):
    assert client.get("/api/docs").status_code == 200


def ceased_rayon_with_okrug(tree) -> None:
    """A rayon that ceased on 3 May 1997 with the okrug (and its outline) it had until then."""
    from datetime import date

    rayon = TerritoryFactory(
        kato="355300000", parent=tree["karaganda"], level=Level.RAYON, valid_to=date(1997, 5, 3)
    )
    TerritoryFactory(
        kato="355330000",
        parent=rayon,
        level=Level.RURAL_OKRUG,
        boundary_web=SQUARE,
        valid_to=date(1997, 5, 3),
    )


def test_children_of_a_ceased_unit_are_those_of_its_last_day(client, tree):
    ceased_rayon_with_okrug(tree)
    data = client.get("/api/territories/355300000/children").json()
    assert [item["kato"] for item in data] == ["355330000"]


def test_children_geojson_of_a_ceased_unit_are_those_of_its_last_day(client, tree):
    ceased_rayon_with_okrug(tree)
    data = client.get("/api/territories/355300000/children.geojson").json()
    assert [f["properties"]["kato"] for f in data["features"]] == ["355330000"]
