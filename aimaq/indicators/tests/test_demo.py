"""Demo statistics: complete for the demo territories, labelled as demo, loaded once."""

import pytest

from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.demo import INDICATORS, load_demo_indicators
from aimaq.indicators.derived import derived_values
from aimaq.indicators.models import ImportRun, Indicator, Observation
from aimaq.territories.demo import load_demo_territories
from aimaq.territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Import runs keep a copy of their file: keep the tests' copies out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo():
    load_demo_territories()
    return load_demo_indicators()


def test_demo_values_cover_every_oblast_and_pilot_unit_for_ten_years(demo):
    population = Indicator.objects.get(code="population")
    units = Territory.objects.exclude(level="country").values_list("kato", flat=True)
    reported = set(
        Observation.objects.filter(
            indicator=population, period="2024", disaggregation=""
        ).values_list("territory__kato", flat=True)
    )
    assert reported == set(units)
    periods = set(Observation.objects.values_list("period", flat=True))
    assert periods == {str(year) for year in range(2015, 2025)}
    assert not Observation.objects.filter(territory__kato="100000000", period="2021").exists()


def test_demo_indicators_are_labelled_and_named_in_three_languages(demo):
    assert Indicator.objects.filter(is_demo=True).count() == len(INDICATORS)
    for indicator in Indicator.objects.all():
        assert indicator.name_kk and indicator.name_ru and indicator.name_en
    assert Indicator.objects.get(code="population").dimensions.get().code == "sex"


def test_demo_is_idempotent(demo):
    values = list(Observation.objects.order_by("id").values_list("id", "value"))
    runs = ImportRun.objects.count()
    summary = load_demo_indicators()
    assert "0 new, 0 changed" in summary
    assert list(Observation.objects.order_by("id").values_list("id", "value")) == values
    assert ImportRun.objects.count() == runs


def test_demo_sexes_add_up_and_country_is_computed(demo):
    population = Indicator.objects.get(code="population")
    by_key = {(v.kato, v.disaggregation): v for v in aggregate(population, periods=["2024"])}
    karaganda = [by_key[("350000000", d)].value for d in ("", "sex=female", "sex=male")]
    assert karaganda[0] == karaganda[1] + karaganda[2]
    country = by_key[("000000000", "")]
    assert country.computed and 19e6 < country.value < 21e6


def test_demo_poverty_rate_is_derived_and_plausible(demo):
    rate = Indicator.objects.get(code="poverty_rate")
    values = derived_values(rate, Territory.objects.filter(level="oblast"), ["2024"])
    assert len(values) == 17 and all(1 < v.value < 20 for v in values)
