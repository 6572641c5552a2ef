"""The arithmetic of targets and actuals, in Decimal, with no database: the three cumulative
rules, the default split of a life-of-plan target, the direction-aware % met and the
on-track verdict. The scorecard, the quality check and the documents all use these.

The rules, as the scorecard page states them:
- non-cumulative: a period's actual is the sum of the values reported within it; the
  life-of-plan actual is the sum of all periods;
- cumulative: a period's actual is the running total — the baseline plus every value
  reported from the plan's start to the period's end; targets are running totals too;
- latest value: a period's actual is the last value reported up to its end (levels, %).
A period whose own value was reported (a year's report) is taken as reported, not summed
again from its quarters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models.choices import CumulativeRule, Direction
from .periods import Period

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Reported:
    period: Period
    value: Decimal


def _within(values: Iterable[Reported], period: Period) -> list[Reported]:
    return [item for item in values if period.contains(item.period)]


def non_overlapping_sum(values: Iterable[Reported]) -> Decimal | None:
    """The sum of the values with no stretch of time counted twice: a year's own value is
    taken before its quarters, a half-year's before its quarters. None for no values."""
    taken: list[Reported] = []
    for item in sorted(values, key=lambda item: (item.period.parts, item.period.start)):
        if all(item.period.end < t.period.start or t.period.end < item.period.start for t in taken):
            taken.append(item)
    if not taken:
        return None
    return sum((item.value for item in taken), ZERO)


def period_sum(values: Sequence[Reported], period: Period) -> Decimal | None:
    """The sum of what was reported within `period`: its own value when reported, else its
    parts, each stretch of time once. None when nothing was reported within it."""
    return non_overlapping_sum(_within(values, period))


def latest_value(values: Sequence[Reported], until: date) -> Decimal | None:
    """The last value reported for a period ending by `until` (the finest when several end
    on the same day: a fourth quarter's level is the year's level)."""
    candidates = [item for item in values if item.period.end <= until]
    if not candidates:
        return None
    best = max(candidates, key=lambda item: (item.period.end, item.period.parts))
    return best.value


def running_total(
    values: Sequence[Reported], until: date, baseline: Decimal | None
) -> Decimal | None:
    """The baseline plus every value of a period ending by `until`, each stretch once."""
    total = non_overlapping_sum(item for item in values if item.period.end <= until)
    if total is None:
        return None
    return (baseline or ZERO) + total


def actual(
    rule: str,
    values: Sequence[Reported],
    period: Period,
    *,
    baseline: Decimal | None,
) -> Decimal | None:
    """The actual of `period` under `rule` from the values reported (pass the values of
    completed periods only). None when nothing was reported that counts."""
    if rule == CumulativeRule.NON_CUMULATIVE:
        return period_sum(values, period)
    if rule == CumulativeRule.LATEST:
        return latest_value(values, period.end)
    return running_total(values, period.end, baseline)


@dataclass(frozen=True)
class Span:
    """A target period: from `start` to `end` (both days included), its target `value`."""

    start: date
    end: date
    value: Decimal


def _fraction(span: Span, at: date) -> Decimal:
    days = Decimal(span.end.toordinal() - span.start.toordinal() + 1)
    done = Decimal(min(max(at.toordinal() - span.start.toordinal() + 1, 0), int(days)))
    return done / days


def expectation(
    rule: str, baseline: Decimal | None, spans: Sequence[Span], at: date
) -> tuple[Decimal | None, Decimal | None]:
    """Where the straight-line trajectory stands at the end of day `at`, and the baseline to
    measure from: for levels and running totals, the line from the baseline (at the plan's
    start) through each period's target (at its end); for period sums, the share of the
    current period's target (and of the per-period baseline) that the elapsed days make."""
    if not spans:
        return None, baseline
    if rule == CumulativeRule.NON_CUMULATIVE:
        current = next((span for span in spans if span.start <= at <= span.end), None)
        if current is None:
            current = spans[-1] if at > spans[-1].end else spans[0]
        share = _fraction(current, at)
        scaled = baseline * share if baseline is not None else None
        return current.value * share, scaled
    start_value = baseline if baseline is not None else ZERO
    previous_end, previous_value = spans[0].start.toordinal() - 1, start_value
    for span in spans:
        end = span.end.toordinal()
        if at.toordinal() <= end:
            length = Decimal(end - previous_end)
            done = Decimal(max(at.toordinal() - previous_end, 0))
            return previous_value + (span.value - previous_value) * done / length, baseline
        previous_end, previous_value = end, span.value
    return spans[-1].value, baseline


def life_of_plan_actual(
    rule: str, values: Sequence[Reported], until: date, *, baseline: Decimal | None
) -> Decimal | None:
    """The actual over the plan so far (periods ending by `until`): the sum of everything
    reported (non-cumulative), the running total (cumulative) or the last value (latest)."""
    if rule == CumulativeRule.NON_CUMULATIVE:
        return non_overlapping_sum(item for item in values if item.period.end <= until)
    if rule == CumulativeRule.LATEST:
        return latest_value(values, until)
    return running_total(values, until, baseline)


def percent_met(
    direction: str, baseline: Decimal | None, target: Decimal | None, value: Decimal | None
) -> Decimal | None:
    """How far `value` has come from the baseline to the target, in per cent, in the
    indicator's good direction: (value − baseline) ÷ (target − baseline), and for an
    indicator that should decrease (baseline − value) ÷ (baseline − target). None when a
    figure is missing or the target does not differ from the baseline."""
    if baseline is None or target is None or value is None:
        return None
    if direction == Direction.DECREASE:
        span, gain = baseline - target, baseline - value
    else:
        span, gain = target - baseline, value - baseline
    if span == 0:
        return None
    return gain / span * HUNDRED


class Verdict:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


def verdict(
    direction: str,
    baseline: Decimal | None,
    expected: Decimal | None,
    value: Decimal | None,
    tolerance: int,
) -> str:
    """On track when `value` has come at least (100 − tolerance) % of the way the trajectory
    expected by now (`expected`: the period's target, the straight line by default); at risk
    down to (100 − 2 × tolerance) %; off track below. Ahead of the trajectory is on track."""
    if value is None or expected is None:
        return Verdict.NO_DATA
    share = percent_met(direction, baseline, expected, value)
    if share is None:
        # No distance to cover by now: on track unless worse than expected.
        worse = value < expected if direction != Direction.DECREASE else value > expected
        return Verdict.OFF_TRACK if worse else Verdict.ON_TRACK
    if share >= HUNDRED - tolerance:
        return Verdict.ON_TRACK
    if share >= HUNDRED - 2 * tolerance:
        return Verdict.AT_RISK
    return Verdict.OFF_TRACK


def quantize(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def split_target(
    rule: str,
    baseline: Decimal | None,
    target: Decimal,
    count: int,
    *,
    decimals: int = 0,
) -> list[Decimal]:
    """Default targets for `count` equal periods, on the straight line to the life-of-plan
    target: equal shares that add up exactly to it (non-cumulative), or the points of the
    line from the baseline to it, the last one the target itself (cumulative, latest)."""
    if count <= 0:
        return []
    if rule == CumulativeRule.NON_CUMULATIVE:
        share = quantize(target / count, decimals)
        shares = [share] * (count - 1)
        return [*shares, target - sum(shares, ZERO)]
    start = baseline if baseline is not None else ZERO
    points = [
        quantize(start + (target - start) * step / count, decimals) for step in range(1, count)
    ]
    return [*points, target]


def targets_move_well(direction: str, baseline: Decimal | None, targets: Sequence[Decimal]) -> bool:
    """Whether the life-of-plan target lies on the good side of the baseline. (Period targets
    of a level may step back for a year; the end point is what must move the right way.)"""
    if baseline is None or not targets:
        return True
    final = targets[-1]
    return final > baseline if direction == Direction.INCREASE else final < baseline
