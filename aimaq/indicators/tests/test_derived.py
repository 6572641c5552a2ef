"""Derived indicators: numerator / denominator × factor, on reported and computed parts."""

import pytest

from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.derived import derived_values
from aimaq.indicators.models import Aggregation
from aimaq.indicators.tests.test_aggregation import put, tree  # noqa: F401 — fixture
from aimaq.testing.indicators import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poverty(tree):  # noqa: F811
    population = IndicatorFactory(code="population", aggregation=Aggregation.SUM)
    poor = IndicatorFactory(code="poor", aggregation=Aggregation.SUM)
    rate = IndicatorFactory(
        code="poverty_rate",
        aggregation=Aggregation.NONE,
        numerator=poor,
        denominator=population,
        factor=100,
    )
    for okrug, people, poor_people in zip(
        tree["okrugs"], [100, 200, 300, 400, 0], [10, 20, 30, 40, 5], strict=True
    ):
        put(population, okrug, people)
        put(poor, okrug, poor_people)
    return {"population": population, "poor": poor, "rate": rate}


def test_ratio_times_factor_for_reported_parts(tree, poverty):  # noqa: F811
    values = {
        v.territory_id: v for v in derived_values(poverty["rate"], [tree["okrugs"][0]], ["2022"])
    }
    (value,) = values.values()
    assert value.value == pytest.approx(10.0) and not value.computed


def test_zero_denominator_gives_no_value(tree, poverty):  # noqa: F811
    assert derived_values(poverty["rate"], [tree["okrugs"][4]]) == []


def test_ratio_of_sums_up_the_tree_not_mean_of_ratios(tree, poverty):  # noqa: F811
    (nura,) = derived_values(poverty["rate"], [tree["nura"]])
    assert nura.value == pytest.approx(60 / 600 * 100) and nura.computed
    (oblast,) = derived_values(poverty["rate"], [tree["oblast"]])
    assert oblast.value == pytest.approx(105 / 1000 * 100)


def test_aggregate_of_a_derived_indicator_keeps_reported_rates(tree, poverty):  # noqa: F811
    put(poverty["rate"], tree["osak"], 99.0)
    got = {(v.kato, v.period): v for v in aggregate(poverty["rate"])}
    assert got[("354800000", "2022")].value == 99.0 and not got[("354800000", "2022")].computed
    assert got[("355200000", "2022")].value == pytest.approx(10.0)
    assert got[("355200000", "2022")].computed


def test_underived_indicator_is_rejected(poverty):
    with pytest.raises(ValueError):
        derived_values(poverty["poor"])
