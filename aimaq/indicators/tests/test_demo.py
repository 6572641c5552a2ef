"""Demo statistics: complete for the demo territories, labelled as demo, loaded once."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.demo import INDICATORS, load_demo_indicators
from aimaq.indicators.derived import derived_values
from aimaq.indicators.models import ImportRun, Indicator, Observation
from aimaq.indicators.selectors import territory_profile
from aimaq.territories.demo import load_demo_territories
from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Import runs keep a copy of their file: keep the tests' copies out of var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module's tests on this worker: inside a transaction
    that each test's own nests in (as a savepoint) and that is rolled back at the end."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        with translation.override("en"):
            load_demo_territories()
            summary = load_demo_indicators()
        yield summary
        transaction.set_rollback(True)


def test_demo_values_cover_the_country_every_oblast_and_pilot_unit_for_ten_years(demo):
    population = Indicator.objects.get(code="population")
    units = Territory.objects.values_list("kato", flat=True)  # the country included
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
    values = list(Observation.objects.order_by("pk").values_list("pk", "value"))
    runs = ImportRun.objects.count()
    summary = load_demo_indicators()
    assert "0 new, 0 changed" in summary
    assert list(Observation.objects.order_by("pk").values_list("pk", "value")) == values
    assert ImportRun.objects.count() == runs


def test_demo_sexes_add_up(demo):
    population = Indicator.objects.get(code="population")
    by_key = {(v.kato, v.disaggregation): v for v in aggregate(population, periods=["2024"])}
    karaganda = [by_key[("350000000", d)].value for d in ("", "sex=female", "sex=male")]
    assert karaganda[0] == karaganda[1] + karaganda[2]


def first_level_values(code: str, period: str, disaggregation: str = "") -> dict[str, float]:
    return dict(
        Observation.objects.filter(
            indicator__code=code,
            period=period,
            disaggregation=disaggregation,
            territory__level__in=[Level.OBLAST, Level.CITY_REPUBLICAN],
        ).values_list("territory__kato", "value")
    )


def national_value(code: str, period: str, disaggregation: str = "") -> float:
    return Observation.objects.get(
        indicator__code=code,
        period=period,
        disaggregation=disaggregation,
        territory__kato=COUNTRY_CODE,
    ).value


@pytest.mark.parametrize("disaggregation", ["", "sex=female", "sex=male"])
def test_demo_reports_national_sums_equal_to_the_oblasts(demo, disaggregation):
    parts = first_level_values("population", "2024", disaggregation)
    assert len(parts) == 20
    assert national_value("population", "2024", disaggregation) == sum(parts.values())
    assert national_value("poor_population", "2024") == sum(
        first_level_values("poor_population", "2024").values()
    )
    # Reported, so the pages show it without the "computed" mark.
    population = Indicator.objects.get(code="population")
    country = next(
        v
        for v in aggregate(population, periods=["2024"])
        if v.kato == COUNTRY_CODE and v.disaggregation == disaggregation
    )
    assert not country.computed and 19e6 < country.value * (2 if disaggregation else 1) < 21e6


def test_demo_reports_national_means_weighted_by_population(demo):
    people = first_level_values("population", "2024")
    for code, decimals in (("unemployment_rate", 1), ("gas_supply", 1), ("average_wage", 0)):
        values = first_level_values(code, "2024")
        mean = sum(values[k] * people[k] for k in values) / sum(people[k] for k in values)
        rounding = 0.5 * 10**-decimals + 1e-9
        assert national_value(code, "2024") == pytest.approx(mean, abs=rounding), code


def test_demo_national_population_has_no_break_at_the_2022_split(demo):
    series = [national_value("population", str(year)) for year in range(2015, 2025)]
    growth = [b / a for a, b in zip(series, series[1:], strict=False)]
    assert all(1.0 < g < 1.03 for g in growth)
    # Before 2022 the country also counts the areas of the oblasts created that year.
    assert series[0] > sum(first_level_values("population", "2015").values())


def test_demo_profile_has_gaps_to_country_and_derived_gaps(demo):
    profile = territory_profile(Territory.objects.get(kato="355200000"))
    rows = {row.indicator.code: row for row in profile.rows}
    assert all(row.national_value is not None for row in rows.values())
    rate = rows["poverty_rate"]
    assert rate.computed and rate.parent_computed and rate.national_computed
    poor = Observation.objects.get(
        indicator__code="poor_population",
        territory__kato="350000000",
        period=rate.period,
        disaggregation="",
    ).value
    people = Observation.objects.get(
        indicator__code="population",
        territory__kato="350000000",
        period=rate.period,
        disaggregation="",
    ).value
    assert rate.parent_value == pytest.approx(poor / people * 100)
    assert rate.gap_national is not None


def test_demo_poverty_rate_is_derived_and_plausible(demo):
    rate = Indicator.objects.get(code="poverty_rate")
    values = derived_values(rate, Territory.objects.filter(level="oblast"), ["2024"])
    assert len(values) == 17 and all(1 < v.value < 20 for v in values)
