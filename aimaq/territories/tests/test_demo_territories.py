"""The demo territories: the 20 first-level units, the pilot areas and the pilot group."""

import pytest
from django.db.models import Q
from django.utils import translation

from aimaq.territories.demo import load_demo_territories
from aimaq.territories.kato import COUNTRY_CODE, is_consistent_child
from aimaq.territories.models import Level, Territory, TerritoryGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


def test_demo_creates_country_20_first_level_units_and_pilots():
    summary = load_demo_territories()

    assert summary.startswith("34 created, 0 already there")
    first_level = Territory.objects.current().filter(parent__kato=COUNTRY_CODE)
    assert first_level.count() == 20
    assert set(first_level.values_list("level", flat=True)) == {
        Level.OBLAST,
        Level.CITY_REPUBLICAN,
    }
    assert first_level.filter(level=Level.CITY_REPUBLICAN).count() == 3


def test_second_run_changes_nothing():
    load_demo_territories()
    history = Territory.history.count()

    assert (
        load_demo_territories()
        == "0 created, 34 already there; group pilot-oblasts-2013 already there, kept"
    )
    assert Territory.history.count() == history


def test_demo_keeps_a_unit_edited_after_it():
    load_demo_territories()
    Territory.objects.filter(kato="350000000").update(
        name_en="Karagandy", population=1_140_500, population_year=2025, centre_lat=49.81
    )

    assert load_demo_territories().startswith("0 created, 34 already there")
    unit = Territory.objects.get(kato="350000000")
    assert (unit.name_en, unit.population, unit.population_year, unit.centre_lat) == (
        "Karagandy",
        1_140_500,
        2025,
        49.81,
    )


def test_demo_adds_only_missing_units_next_to_a_loaded_list():
    kz = Territory.objects.create(kato=COUNTRY_CODE, level=Level.COUNTRY, name_ru="Казахстан")
    Territory.objects.create(
        kato="630000000", level=Level.OBLAST, parent=kz, name_ru="Восточно-Казахстанская область"
    )
    Territory.objects.create(
        kato="634000000",
        level=Level.RAYON,
        parent=Territory.objects.get(kato="630000000"),
        name_ru="Глубоковский район",
    )

    assert load_demo_territories().startswith("31 created, 3 already there")
    rayon = Territory.objects.get(kato="634000000")
    assert (rayon.name_en, rayon.population) == ("", None)


def test_every_demo_unit_passes_model_validation_and_sits_under_its_parent():
    load_demo_territories()

    for territory in Territory.objects.current().select_related("parent"):
        territory.full_clean()
        assert territory.name_kk and territory.name_ru and territory.name_en
        assert territory.has_centre and territory.population
        if territory.parent:
            assert is_consistent_child(territory.kato, territory.parent.kato)


def test_pilot_group_holds_mangystau_kyzylorda_and_east_kazakhstan():
    load_demo_territories()

    group = TerritoryGroup.objects.get(slug="pilot-oblasts-2013")
    assert group.name_en == "Pilot oblasts of the regional development project"
    assert group.name_kk and group.name_ru
    assert set(group.territories.values_list("kato", flat=True)) == {
        "470000000",
        "430000000",
        "630000000",
    }


@pytest.mark.parametrize(
    ("words", "kato", "level"),
    [
        ("Kievka", "355230000", Level.TOWNSHIP),
        ("Nura", "355230000", Level.TOWNSHIP),
        ("Izendi", "355253000", Level.RURAL_OKRUG),
        ("Mynbayev", "355261000", Level.RURAL_OKRUG),
        ("Zharaspai", "355243000", Level.RURAL_OKRUG),
        ("Glubokoe", "634030000", Level.TOWNSHIP),
        ("Volchanka", "636837000", Level.RURAL_OKRUG),
    ],
)
def test_pilot_areas_are_findable_by_their_known_names(words, kato, level):
    load_demo_territories()

    names = Q(name_en__icontains=words) | Q(name_ru__icontains=words)
    found = Territory.objects.current().filter(names, level=level)
    assert kato in set(found.values_list("kato", flat=True))
