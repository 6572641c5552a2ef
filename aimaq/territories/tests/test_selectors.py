from datetime import date

import pytest

from aimaq.territories.models import Level, Territory, TerritoryGroup
from aimaq.territories.selectors import (
    find_territory,
    first_level_units,
    geometry_of,
    groups_with_members,
    map_features,
    search_results,
    territory_card,
)
from aimaq.testing.territories import TerritoryFactory, small_tree

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 1)
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[72.0, 49.0], [75.0, 49.0], [75.0, 51.0], [72.0, 51.0], [72.0, 49.0]]],
}


def test_card_has_ancestors_children_names_and_groups(django_assert_max_num_queries):
    tree = small_tree()
    group = TerritoryGroup.objects.create(slug="pilot", name_en="Pilot")
    group.territories.add(tree["nura"])
    nura = find_territory("355200000")
    with django_assert_max_num_queries(6):
        card = territory_card(nura, on=TODAY)
    assert [unit.kato for unit in card.ancestors] == ["000000000", "350000000"]
    assert [unit.kato for unit in card.children] == ["355243000"]
    assert [name.language for name in card.names] == ["kk", "ru", "en"]
    assert [g.slug for g in card.groups] == ["pilot"]
    assert not card.is_historical and card.successors == []


def test_children_query_does_not_grow_with_the_number_of_children(django_assert_max_num_queries):
    tree = small_tree()
    for n in range(30):
        TerritoryFactory(kato=f"3552{44 + n:02d}000", parent=tree["nura"], level=Level.RURAL_OKRUG)
    with django_assert_max_num_queries(6):
        card = territory_card(find_territory("355200000"), on=TODAY)
    assert len(card.children) == 31


def test_card_of_ended_unit_shows_children_of_its_last_day():
    tree = small_tree()
    old = TerritoryFactory(
        kato="620000000",
        parent=tree["country"],
        valid_from=date(1973, 1, 1),
        valid_to=date(1997, 5, 3),
    )
    TerritoryFactory(
        kato="622000000",
        parent=old,
        level=Level.RAYON,
        valid_from=date(1973, 1, 1),
        valid_to=date(1997, 5, 3),
    )
    card = territory_card(old, on=TODAY)
    assert card.is_historical
    assert [unit.kato for unit in card.children] == ["622000000"]


def test_find_territory_prefers_the_current_unit():
    tree = small_tree()
    TerritoryFactory(
        kato="350000000", parent=tree["country"], name_en="Old", valid_to=date(2000, 1, 1)
    )
    assert find_territory("350000000").name_en == "Karaganda"
    assert find_territory("123456789") is None


def test_first_level_units_are_the_countrys_current_children():
    tree = small_tree()
    TerritoryFactory(
        kato="620000000",
        parent=tree["country"],
        valid_from=date(1973, 1, 1),
        valid_to=date(1997, 5, 3),
    )
    assert [t.kato for t in first_level_units(on=TODAY)] == ["350000000", "630000000"]
    assert "620000000" in [t.kato for t in first_level_units(on=date(1990, 1, 1))]


def test_groups_list_only_members_valid_on_the_day():
    tree = small_tree()
    old = TerritoryFactory(
        kato="620000000",
        parent=tree["country"],
        valid_to=date(1997, 5, 3),
        valid_from=date(1973, 1, 1),
    )
    group = TerritoryGroup.objects.create(slug="pilot", name_en="Pilot")
    group.territories.add(tree["karaganda"], old)
    [listed] = groups_with_members(on=TODAY)
    assert [t.kato for t in listed.territories.all()] == ["350000000"]


def test_map_features_fall_back_to_centres():
    tree = small_tree()
    Territory.objects.filter(pk=tree["nura"].pk).update(
        boundary_web={
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "geometry": SQUARE, "properties": {}}],
        }
    )
    Territory.objects.filter(pk=tree["zharaspai"].pk).update(centre_lat=50.0, centre_lon=73.0)
    nura = find_territory("355200000")
    features = map_features(nura, on=TODAY)["features"]
    assert [(f["properties"]["kato"], f["properties"]["kind"]) for f in features] == [
        ("355200000", "boundary"),
        ("355243000", "centre"),
    ]
    assert map_features(find_territory("630000000"), on=TODAY)["features"] == []


def test_geometry_of_reads_geometries_features_and_collections():
    assert geometry_of(SQUARE) == SQUARE
    assert geometry_of({"type": "Feature", "geometry": SQUARE}) == SQUARE
    two = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": SQUARE}] * 2}
    assert geometry_of(two)["type"] == "GeometryCollection"
    assert geometry_of(None) is None and geometry_of({"type": "Nonsense"}) is None


def test_search_results_carry_the_territory_and_hint():
    small_tree()
    [result, *_] = search_results("Oskemen")
    assert result.territory.kato == "630000000"
    assert result.hint_kind == "centre"


def test_ended_unit_points_to_the_current_unit_with_its_code_else_its_parent():
    tree = small_tree()
    old_village = TerritoryFactory(
        kato="355243100",
        parent=tree["zharaspai"],
        level=Level.SETTLEMENT,
        name_en="Old Zharaspai",
        valid_from=date(1991, 12, 16),
        valid_to=date(2020, 1, 1),
    )
    new_village = TerritoryFactory(
        kato="355243100",
        parent=tree["zharaspai"],
        level=Level.SETTLEMENT,
        name_en="Zharaspai",
        valid_from=date(2020, 1, 1),
    )
    assert territory_card(old_village, on=TODAY).successors == [new_village]
    gone = TerritoryFactory(
        kato="355243200",
        parent=tree["zharaspai"],
        level=Level.SETTLEMENT,
        valid_to=date(2020, 1, 1),
    )
    assert territory_card(gone, on=TODAY).successors == [tree["zharaspai"]]
