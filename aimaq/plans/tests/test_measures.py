"""The three cumulative rules, the straight-line split, the direction-aware % met and the
on-track verdict — pure Decimal arithmetic, checked by hand and with hypothesis."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.plans.measures import (
    Reported,
    Span,
    Verdict,
    actual,
    expectation,
    life_of_plan_actual,
    non_overlapping_sum,
    percent_met,
    split_target,
    verdict,
)
from aimaq.plans.models import CumulativeRule, Direction
from aimaq.plans.periods import Period

D = Decimal
SUM, RUNNING, LATEST = (
    CumulativeRule.NON_CUMULATIVE,
    CumulativeRule.CUMULATIVE,
    CumulativeRule.LATEST,
)
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def quarters(year: int, values: list[Decimal]) -> list[Reported]:
    return [Reported(Period(year, 4, n + 1), value) for n, value in enumerate(values)]


def test_non_cumulative_actual_is_the_sum_of_the_period():
    values = quarters(2019, [D(10), D(20), D(30), D(40)]) + quarters(2020, [D(5)])
    assert actual(SUM, values, Period(2019), baseline=D(0)) == D(100)
    assert actual(SUM, values, Period(2019, 2, 2), baseline=D(0)) == D(70)
    assert actual(SUM, values, Period(2020), baseline=D(0)) == D(5)


def test_cumulative_actual_is_the_running_total_from_the_baseline():
    values = quarters(2019, [D(10), D(20)]) + quarters(2020, [D(5)])
    assert actual(RUNNING, values, Period(2019), baseline=D(100)) == D(130)
    assert actual(RUNNING, values, Period(2020), baseline=D(100)) == D(135)


def test_latest_value_is_the_last_value_reported_by_the_end_of_the_period():
    values = quarters(2019, [D("4.5"), D("4.4"), D("4.6")])
    assert actual(LATEST, values, Period(2019), baseline=D(5)) == D("4.6")
    assert actual(LATEST, values, Period(2019, 2, 1), baseline=D(5)) == D("4.4")


def test_a_year_reported_whole_is_not_added_to_its_own_quarters():
    values = [Reported(Period(2019), D(100)), *quarters(2019, [D(30), D(30), D(30), D(30)])]
    assert actual(SUM, values, Period(2019), baseline=None) == D(100)
    assert actual(RUNNING, values, Period(2019), baseline=D(0)) == D(100)


def test_nothing_reported_is_no_actual_not_zero():
    assert actual(SUM, [], Period(2019), baseline=D(0)) is None
    assert actual(RUNNING, [], Period(2019), baseline=D(0)) is None
    assert actual(LATEST, [], Period(2019), baseline=D(0)) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=8), st.sampled_from([1, 2, 4]))
def test_sums_are_exact_whatever_the_split_of_the_year(values, parts):
    reported = [
        Reported(Period(2019, parts, 1 + n % parts), value)
        for n, value in enumerate(values[:parts])
    ]
    expected = sum((item.value for item in reported), D(0))
    assert actual(SUM, reported, Period(2019), baseline=None) == expected
    assert non_overlapping_sum(reported) == expected
    assert life_of_plan_actual(SUM, reported, date(2020, 1, 1), baseline=None) == expected


@settings(max_examples=60, deadline=None)
@given(amounts, st.lists(amounts, min_size=1, max_size=12))
def test_the_running_total_never_falls_for_non_negative_values(baseline, values):
    reported = [
        Reported(Period(2019 + n // 4, 4, 1 + n % 4), value) for n, value in enumerate(values)
    ]
    totals = [
        actual(RUNNING, reported, Period(year), baseline=baseline) for year in (2019, 2020, 2021)
    ]
    present = [total for total in totals if total is not None]
    assert present == sorted(present)
    assert present[-1] == baseline + sum(values, D(0))


def test_percent_met_for_an_indicator_that_should_decrease():
    # Poverty 4.6 → 3.5; at 4.3 the plan has come 0.3 of 1.1.
    assert (
        percent_met(Direction.DECREASE, D("4.6"), D("3.5"), D("4.3")) == D("0.3") / D("1.1") * 100
    )
    assert percent_met(Direction.DECREASE, D(10), D(5), D(12)) == D(-40)


def test_percent_met_is_undefined_when_target_equals_baseline_or_a_figure_is_missing():
    assert percent_met(Direction.INCREASE, D(5), D(5), D(7)) is None
    assert percent_met(Direction.INCREASE, None, D(5), D(7)) is None
    assert percent_met(Direction.INCREASE, D(0), D(5), None) is None


finite = st.decimals(
    min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False
)


@settings(max_examples=150, deadline=None)
@given(finite, finite, finite)
def test_percent_met_reads_the_same_whichever_way_the_indicator_runs(baseline, target, value):
    """Mirroring an indicator (should decrease ↔ should increase, values negated) keeps its
    % met: direction-awareness is exactly the mirror."""
    up = percent_met(Direction.INCREASE, baseline, target, value)
    down = percent_met(Direction.DECREASE, -baseline, -target, -value)
    assert up == down
    if up is not None:
        assert percent_met(Direction.INCREASE, baseline, target, target) == 100
        assert percent_met(Direction.INCREASE, baseline, target, baseline) == 0


@settings(max_examples=100, deadline=None)
@given(finite, finite, st.integers(min_value=1, max_value=50))
def test_reaching_the_trajectory_is_on_track_and_falling_far_behind_is_off(
    baseline, expected, tolerance
):
    assert verdict(Direction.INCREASE, baseline, expected, expected, tolerance) == Verdict.ON_TRACK
    if expected != baseline:
        behind = baseline + (expected - baseline) * D(100 - 2 * tolerance - 1) / 100
        assert (
            verdict(Direction.INCREASE, baseline, expected, behind, tolerance) == Verdict.OFF_TRACK
        )
        at_risk = baseline + (expected - baseline) * D(100 - tolerance - 1) / 100
        assert (
            verdict(Direction.INCREASE, baseline, expected, at_risk, tolerance) == Verdict.AT_RISK
        )
        ahead = baseline + (expected - baseline) * 2
        assert verdict(Direction.INCREASE, baseline, expected, ahead, tolerance) == Verdict.ON_TRACK


def test_verdict_without_a_value_is_no_data():
    assert verdict(Direction.INCREASE, D(0), D(10), None, 15) == Verdict.NO_DATA


@settings(max_examples=80, deadline=None)
@given(amounts, st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=3))
def test_a_split_period_sum_adds_up_exactly_to_the_life_of_plan_target(target, count, decimals):
    shares = split_target(SUM, None, target, count, decimals=decimals)
    assert len(shares) == count
    assert sum(shares, D(0)) == target


@settings(max_examples=80, deadline=None)
@given(amounts, amounts, st.integers(min_value=1, max_value=20))
def test_a_split_level_runs_straight_from_the_baseline_to_the_target(baseline, target, count):
    points = split_target(LATEST, baseline, target, count, decimals=2)
    assert points[-1] == target
    steps = [b - a for a, b in zip([baseline, *points], points, strict=False)]
    assert all(step >= -D("0.01") for step in steps) or all(step <= D("0.01") for step in steps)


def test_the_trajectory_of_a_level_is_the_straight_line_through_the_targets():
    spans = [
        Span(date(2019, 1, 1), date(2019, 12, 31), D(20)),
        Span(date(2020, 1, 1), date(2020, 12, 31), D(40)),
    ]
    expected, reference = expectation(LATEST, D(0), spans, date(2019, 12, 31))
    assert (expected, reference) == (D(20), D(0))
    halfway, _ref = expectation(LATEST, D(0), spans, date(2020, 7, 1))
    assert D(29) < halfway < D(31)


def test_the_trajectory_of_a_period_sum_is_the_share_of_the_current_period():
    spans = [Span(date(2019, 1, 1), date(2019, 12, 31), D(365))]
    expected, reference = expectation(SUM, D(0), spans, date(2019, 1, 10))
    assert expected == D(10) and reference == D(0)
