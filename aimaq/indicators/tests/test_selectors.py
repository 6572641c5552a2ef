"""The territory profile's comparison values for derived indicators (numerator /
denominator × factor): parent, country and siblings from their parts, few queries."""

import pytest

from aimaq.indicators.selectors import territory_profile
from aimaq.indicators.tests.test_views import add_poor_share, row_for
from aimaq.indicators.tests.test_views_fixtures import (
    observe,
    world_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def test_a_reported_comparison_value_wins_over_the_ratio_of_parts(world):
    share = add_poor_share(world)
    observe(share, world["karaganda"], {"2022": 11.0})
    row = row_for(territory_profile(world["nura"]), "poor_share")
    assert row.parent_value == 11.0 and not row.parent_computed
    assert row.national_computed


def test_a_reported_own_value_is_not_recomputed(world):
    share = add_poor_share(world)
    observe(share, world["nura"], {"2022": 14.0})
    row = row_for(territory_profile(world["nura"]), "poor_share")
    assert (row.value, row.computed) == (14.0, False)
    assert row.parent_value == pytest.approx(12.0)


def test_parent_without_reported_parts_gets_them_aggregated_from_its_units(world):
    add_poor_share(world, parent_parts=False)
    row = row_for(territory_profile(world["nura"]), "poor_share")
    # Karaganda = (300 + 100 + 200) / (2,000 + 2,000 + 1,000) × 100 = 12 %
    assert row.parent_value == pytest.approx(12.0) and row.parent_computed
    assert row.national_value == pytest.approx(5.0)
    assert (row.rank, row.rank_total) == (2, 3)


def test_oblast_profile_compares_a_derived_indicator_with_the_country(world):
    add_poor_share(world)
    row = row_for(territory_profile(world["karaganda"]), "poor_share")
    assert row.value == pytest.approx(12.0)
    # The oblast's parent is the country: one comparison, not the same column twice.
    assert row.parent_value is None and row.national_value == pytest.approx(5.0)


def test_country_profile_has_no_comparisons_for_a_derived_indicator(world):
    add_poor_share(world)
    row = row_for(territory_profile(world["country"]), "poor_share")
    assert row.value == pytest.approx(5.0)
    assert row.parent_value is None and row.national_value is None and row.rank is None


def test_derived_comparisons_add_no_queries(world, django_assert_max_num_queries):
    add_poor_share(world)
    territory_profile(world["nura"], compute_missing=False)  # warm the indicator cache
    with django_assert_max_num_queries(8):
        territory_profile(world["nura"], compute_missing=False)
