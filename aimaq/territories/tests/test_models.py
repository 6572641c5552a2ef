"""Territory.clean: the value rules hold for every form built on the model, the admin's too."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from aimaq.testing.territories import small_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def okrug():
    with translation.override("en"):
        yield small_tree()["zharaspai"]


def errors_of(unit) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        unit.full_clean()
    return caught.value.message_dict


def test_unit_without_any_name_is_refused(okrug):
    okrug.name_kk = okrug.name_ru = okrug.name_en = ""
    assert errors_of(okrug)[NON_FIELD_ERRORS] == ["Give the name in at least one language."]


@pytest.mark.parametrize(("field", "value"), [("centre_lat", 149.1), ("centre_lon", 7.2)])
def test_centre_outside_kazakhstan_is_refused(okrug, field, value):
    okrug.centre_lat, okrug.centre_lon = 49.1, 73.2
    setattr(okrug, field, value)
    assert f"got {value}" in errors_of(okrug)[field][0]


def test_centre_needs_both_coordinates(okrug):
    okrug.centre_lat = 49.1
    assert "or neither" in errors_of(okrug)[NON_FIELD_ERRORS][0]


def test_population_needs_its_year(okrug):
    okrug.population = 2500
    assert errors_of(okrug)["population_year"] == ["Say which year the population figure is for."]


@pytest.mark.parametrize("year", [1800, 9999])
def test_population_year_outside_census_years_is_refused(okrug, year):
    okrug.population, okrug.population_year = 2500, year
    assert f"got {year}" in errors_of(okrug)["population_year"][0]


def test_unit_with_sound_values_passes(okrug):
    okrug.population, okrug.population_year = 2500, 2024
    okrug.centre_lat, okrug.centre_lon = 49.1, 73.2
    okrug.full_clean()
