"""Aggregation by the tree of the period: a parent's sum for a year adds the children it had
that year, not today's. South Kazakhstan (ended 19.06.2018) counts in the country's 2015,
Turkestan and Shymkent (begun that day) in its 2020; a rayon that left an oblast in 2022
counts in the oblast's 2020, the rayon formed in 2022 only from then."""

from datetime import date

import pytest

from aimaq.indicators.aggregation import aggregate
from aimaq.indicators.models import Aggregation
from aimaq.indicators.tests.test_aggregation import put
from aimaq.territories.models import Level
from aimaq.testing.indicators import IndicatorFactory
from aimaq.testing.territories import TerritoryFactory, country

pytestmark = pytest.mark.django_db
REFORM_2018, REFORM_2022 = date(2018, 6, 19), date(2022, 6, 8)


@pytest.fixture
def reformed():
    kz = country()
    south = TerritoryFactory(kato="510000000", parent=kz, valid_to=REFORM_2018)
    turkestan = TerritoryFactory(kato="610000000", parent=kz, valid_from=REFORM_2018)
    shymkent = TerritoryFactory(
        kato="790000000", parent=kz, valid_from=REFORM_2018, level=Level.CITY_REPUBLICAN
    )
    karaganda = TerritoryFactory(kato="350000000", parent=kz)
    stays = TerritoryFactory(kato="355200000", parent=karaganda, level=Level.RAYON)
    left = TerritoryFactory(
        kato="355400000", parent=karaganda, level=Level.RAYON, valid_to=REFORM_2022
    )
    formed = TerritoryFactory(
        kato="355600000", parent=karaganda, level=Level.RAYON, valid_from=REFORM_2022
    )
    return locals()


def sums(indicator, **kwargs):
    return {(v.kato, v.period): v for v in aggregate(indicator, **kwargs)}


def test_the_country_sums_the_oblasts_of_each_year(reformed):
    people = IndicatorFactory(aggregation=Aggregation.SUM)
    for year in ("2015", "2020"):
        put(people, reformed["stays"], 100, year)
    put(people, reformed["left"], 50, "2015")
    put(people, reformed["left"], 50, "2020")
    put(people, reformed["south"], 2500, "2015")
    put(people, reformed["turkestan"], 2000, "2020")
    put(people, reformed["shymkent"], 1000, "2020")
    got = sums(people)
    assert got[("000000000", "2015")].value == 2500 + 150  # South Kazakhstan, not Turkestan
    assert got[("000000000", "2020")].value == 2000 + 1000 + 150
    assert got[("000000000", "2020")].parts_expected == 3  # Turkestan, Shymkent, Karaganda


def test_an_oblasts_2020_sums_the_rayons_it_had_then_and_2023_those_it_has_now(reformed):
    people = IndicatorFactory(aggregation=Aggregation.SUM)
    put(people, reformed["stays"], 100, "2020")
    put(people, reformed["left"], 50, "2020")
    put(people, reformed["stays"], 110, "2023")
    put(people, reformed["formed"], 30, "2023")
    got = sums(people, root=reformed["karaganda"])
    assert got[("350000000", "2020")].value == 150  # the rayon formed in 2022 not awaited
    assert got[("350000000", "2023")].value == 140  # the rayon that left not counted
    assert got[("350000000", "2023")].parts == 2


def test_a_unit_gets_no_value_for_a_year_before_it_was_formed(reformed):
    people = IndicatorFactory(aggregation=Aggregation.SUM)
    highest = IndicatorFactory(aggregation=Aggregation.MAX)
    for indicator in (people, highest):
        put(indicator, reformed["formed"], 999, "2020")  # wrongly dated: counted nowhere
        put(indicator, reformed["stays"], 100, "2020")
        put(indicator, reformed["left"], 50, "2020")
    assert sums(people, root=reformed["karaganda"])[("350000000", "2020")].value == 150
    assert sums(highest, root=reformed["karaganda"])[("350000000", "2020")].value == 100
