"""Values up the tree: each rule, no double counting, reported values kept, computed marked."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.models import Aggregation, Observation
from aimaq.territories.models import Level, Territory
from aimaq.testing.indicators import IndicatorFactory
from aimaq.testing.properties import examples
from aimaq.testing.territories import TerritoryFactory, country

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def tree():
    """Country › oblast 35 › rayons 3552 and 3548 › okrugs (3 and 2)."""
    kz = country()
    oblast = TerritoryFactory(kato="350000000", parent=kz, population=1000)
    nura = TerritoryFactory(kato="355200000", parent=oblast, level=Level.RAYON, population=600)
    osak = TerritoryFactory(kato="354800000", parent=oblast, level=Level.RAYON, population=400)
    okrugs = [
        TerritoryFactory(
            kato=f"3552{n}0000", parent=nura, level=Level.RURAL_OKRUG, population=100 * n
        )
        for n in (3, 4, 5)
    ] + [
        TerritoryFactory(
            kato=f"3548{n}0000", parent=osak, level=Level.RURAL_OKRUG, population=50 * n
        )
        for n in (3, 4)
    ]
    return {"country": kz, "oblast": oblast, "nura": nura, "osak": osak, "okrugs": okrugs}


def put(indicator, territory, value, period="2022", disaggregation=""):
    Observation.objects.update_or_create(
        indicator=indicator,
        territory=territory,
        period=period,
        disaggregation=disaggregation,
        defaults={"value": value},
    )


def values_of(indicator, **kwargs):
    return {(v.kato, v.period, v.disaggregation): v for v in aggregate(indicator, **kwargs)}


finite = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@pytest.mark.slow
@HYPOTHESIS
@given(values=st.lists(finite, min_size=5, max_size=5))
def test_sum_of_children_equals_the_parent_at_every_level(tree, values):
    Observation.objects.all().delete()
    indicator = IndicatorFactory(code="people", aggregation=Aggregation.SUM)
    for okrug, value in zip(tree["okrugs"], values, strict=True):
        put(indicator, okrug, value)
    got = values_of(indicator)
    nura, osak = got[("355200000", "2022", "")], got[("354800000", "2022", "")]
    assert nura.computed and nura.value == pytest.approx(sum(values[:3]))
    assert (nura.parts, nura.parts_expected) == (3, 3)
    assert osak.value == pytest.approx(sum(values[3:]))
    assert got[("350000000", "2022", "")].value == pytest.approx(sum(values))
    assert got[("000000000", "2022", "")].value == pytest.approx(sum(values))
    assert not got[(tree["okrugs"][0].kato, "2022", "")].computed


@pytest.mark.slow
@HYPOTHESIS
@given(values=st.lists(finite, min_size=5, max_size=5), reported=finite)
def test_reported_parent_value_is_kept_and_not_added_again(tree, values, reported):
    Observation.objects.all().delete()
    indicator = IndicatorFactory(code="people", aggregation=Aggregation.SUM)
    for okrug, value in zip(tree["okrugs"], values, strict=True):
        put(indicator, okrug, value)
    put(indicator, tree["nura"], reported)
    got = values_of(indicator)
    nura = got[("355200000", "2022", "")]
    assert not nura.computed and nura.value == reported
    # The oblast adds Nura's reported figure once, not Nura's okrugs as well.
    assert got[("350000000", "2022", "")].value == pytest.approx(reported + sum(values[3:]))


@pytest.mark.slow
@HYPOTHESIS
@given(values=st.lists(st.floats(min_value=0, max_value=100), min_size=5, max_size=5))
def test_population_weighted_average_is_between_min_and_max_and_equals_hand_computation(
    tree, values
):
    Observation.objects.all().delete()
    rate = IndicatorFactory(code="rate", aggregation=Aggregation.POPULATION_WEIGHTED)
    for okrug, value in zip(tree["okrugs"], values, strict=True):
        put(rate, okrug, value)
    got = values_of(rate)
    weights = [okrug.population for okrug in tree["okrugs"]]
    nura = got[("355200000", "2022", "")].value
    expected_nura = sum(v * w for v, w in zip(values[:3], weights[:3], strict=True)) / sum(
        weights[:3]
    )
    assert nura == pytest.approx(expected_nura)
    assert min(values[:3]) - 1e-9 <= nura <= max(values[:3]) + 1e-9
    # Up a level the rayons weigh by their own (registered) population, not their okrugs'.
    osak = got[("354800000", "2022", "")].value
    oblast = got[("350000000", "2022", "")].value
    assert oblast == pytest.approx((nura * 600 + osak * 400) / 1000)


def test_population_indicator_outweighs_registered_population(tree):
    population = IndicatorFactory(code="population", aggregation=Aggregation.SUM)
    rate = IndicatorFactory(code="rate", aggregation=Aggregation.POPULATION_WEIGHTED)
    put(rate, tree["nura"], 10.0)
    put(rate, tree["osak"], 20.0)
    put(population, tree["nura"], 1.0)
    put(population, tree["osak"], 3.0)
    assert values_of(rate)[("350000000", "2022", "")].value == pytest.approx(17.5)


def test_average_weighted_by_another_indicator(tree):
    households = IndicatorFactory(code="households", aggregation=Aggregation.SUM)
    share = IndicatorFactory(
        code="water", aggregation=Aggregation.INDICATOR_WEIGHTED, weight_indicator=households
    )
    put(share, tree["nura"], 50.0)
    put(share, tree["osak"], 100.0)
    put(households, tree["nura"], 3.0)
    put(households, tree["osak"], 1.0)
    assert values_of(share)[("350000000", "2022", "")].value == pytest.approx(62.5)


def test_min_and_max(tree):
    low = IndicatorFactory(code="low", aggregation=Aggregation.MIN)
    high = IndicatorFactory(code="high", aggregation=Aggregation.MAX)
    for okrug, value in zip(tree["okrugs"], [5, 1, 9, 7, 3], strict=True):
        put(low, okrug, value)
        put(high, okrug, value)
    assert values_of(low)[("350000000", "2022", "")].value == 1
    assert values_of(high)[("350000000", "2022", "")].value == 9
    assert values_of(high)[("354800000", "2022", "")].value == 7


def test_not_aggregable_computes_nothing(tree):
    index = IndicatorFactory(code="index", aggregation=Aggregation.NONE)
    for okrug in tree["okrugs"]:
        put(index, okrug, 1.0)
    got = aggregate(index)
    assert len(got) == 5 and not any(v.computed for v in got)


def test_sum_with_a_missing_child_is_not_computed(tree):
    people = IndicatorFactory(code="people", aggregation=Aggregation.SUM)
    for okrug in tree["okrugs"][:2]:
        put(people, okrug, 1.0)
    assert ("355200000", "2022", "") not in values_of(people)


def test_periods_and_disaggregations_aggregate_separately_and_root_limits(tree):
    people = IndicatorFactory(code="people", aggregation=Aggregation.SUM)
    for okrug in tree["okrugs"][:3]:
        put(people, okrug, 1.0, "2021")
        put(people, okrug, 2.0, "2022")
        put(people, okrug, 5.0, "2022", "sex=female")
    got = values_of(people, root=tree["nura"], periods=["2022"])
    assert got[("355200000", "2022", "")].value == 6.0
    assert got[("355200000", "2022", "sex=female")].value == 15.0
    assert {key[1] for key in got} == {"2022"}
    assert {key[0] for key in got} == {"355200000", *(o.kato for o in tree["okrugs"][:3])}


def test_whole_tree_of_a_country_with_territories_elsewhere(tree):
    Territory.objects.filter(pk=tree["osak"].pk).update(population=None)
    rate = IndicatorFactory(code="rate", aggregation=Aggregation.POPULATION_WEIGHTED)
    put(rate, tree["nura"], 10.0)
    put(rate, tree["osak"], 20.0)
    # Osakarovka has no population: the average uses the parts that can be weighed, and says so.
    oblast = values_of(rate)[("350000000", "2022", "")]
    assert oblast.value == 10.0 and (oblast.parts, oblast.parts_expected) == (1, 2)
