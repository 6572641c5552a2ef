"""The scorecard of a plan: each indicator on track, at risk or off track against the
straight-line trajectory, the direction-aware % met, budget execution by source, the
actions that are late, and the headline "X of Y indicators on track".

Only published reports count, and only their completed periods. `refresh_scores` stores
each indicator's verdict for the roll-up (see rollup.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .budget import BudgetTable, budget_table
from .measures import (
    Reported,
    Span,
    Verdict,
    actual,
    expectation,
    life_of_plan_actual,
    percent_met,
    split_target,
    verdict,
)
from .models import (
    Action,
    ActionStatus,
    CumulativeRule,
    Direction,
    Frequency,
    IndicatorScore,
    PeriodTarget,
    Plan,
    PlanIndicator,
    PlanVersion,
    ReportActionProgress,
    ReportSpending,
    ReportStatus,
    ReportValue,
)
from .periods import Period, periods_of
from .services.common import version_in_force


@dataclass
class PeriodRow:
    """One target period of an indicator: its target, its actual under the rule, % met."""

    period: Period
    target: Decimal | None
    actual: Decimal | None
    percent: Decimal | None
    completed: bool
    default_target: bool = False


@dataclass
class IndicatorCard:
    indicator: PlanIndicator
    verdict: str
    at: date | None  # the end of the last completed period with a value
    actual: Decimal | None  # the actual at `at`, under the rule
    expected: Decimal | None  # the trajectory at `at`
    percent: Decimal | None  # % met of the life-of-plan target so far
    on_path: Decimal | None = None  # % of the way the trajectory expected by `at`
    rows: list[PeriodRow] = field(default_factory=list)
    breakdown_flags: list[str] = field(default_factory=list)

    @property
    def goal_id(self) -> int | None:
        indicator = self.indicator
        if indicator.outcome is not None:
            return indicator.outcome.goal_id
        if indicator.output is not None:
            return indicator.output.outcome.goal_id
        return None


@dataclass
class LateAction:
    action: Action
    status: str
    percent_done: int


@dataclass
class Scorecard:
    plan: Plan
    version: PlanVersion | None
    as_of: date
    cards: list[IndicatorCard]
    budget: BudgetTable | None
    spent: dict[int, int]  # source id → tenge spent (published reports)
    late: list[LateAction]
    planned_to_date: dict[int, int] = field(default_factory=dict)  # through the last year reported

    @property
    def on_track(self) -> int:
        return sum(1 for card in self.cards if card.verdict == Verdict.ON_TRACK)

    def count(self, kind: str) -> int:
        return sum(1 for card in self.cards if card.verdict == kind)

    @property
    def count_at_risk(self) -> int:
        return self.count(Verdict.AT_RISK)

    @property
    def count_off_track(self) -> int:
        return self.count(Verdict.OFF_TRACK)

    @property
    def count_no_data(self) -> int:
        return self.count(Verdict.NO_DATA)

    @property
    def total(self) -> int:
        return len(self.cards)


def spans_of(indicator: PlanIndicator, targets: dict[str, Decimal], years: list[int]) -> list[Span]:
    """The target periods as spans, each with its target or, where none is set, the default
    split of the life-of-plan target (the straight line)."""
    if indicator.target_value is None:
        return []
    if indicator.frequency == Frequency.LIFE_OF_PLAN:
        whole = Span(date(years[0], 1, 1), date(years[-1], 12, 31), indicator.target_value)
        return [whole]
    periods = periods_of(years, indicator.frequency)
    defaults = split_target(
        indicator.rule,
        indicator.baseline_value,
        indicator.target_value,
        len(periods),
        decimals=indicator.decimals,
    )
    return [
        Span(period.start, period.end, targets.get(period.code, default))
        for period, default in zip(periods, defaults, strict=True)
    ]


def indicator_card(
    indicator: PlanIndicator,
    targets: dict[str, Decimal],
    values: list[Reported],
    *,
    years: list[int],
    as_of: date,
) -> IndicatorCard:
    """The verdict on one indicator from the values of published reports (completed
    periods only), against the trajectory at the end of the last such period."""
    counted = [item for item in values if item.period.end < as_of]
    baseline = indicator.baseline_value
    spans = spans_of(indicator, targets, years)
    at = max((item.period.end for item in counted), default=None)
    now_actual = expected = reference = on_path = None
    result = Verdict.NO_DATA
    if at is not None and spans:
        if indicator.rule == CumulativeRule.NON_CUMULATIVE:
            span = next((s for s in spans if s.start <= at <= s.end), spans[-1])
            now_actual = _sum_within(counted, span.start, at)
        else:
            now_actual = life_of_plan_actual(indicator.rule, counted, at, baseline=baseline)
        expected, reference = expectation(indicator.rule, baseline, spans, at)
        result = verdict(indicator.direction, reference, expected, now_actual, indicator.tolerance)
        on_path = percent_met(indicator.direction, reference, expected, now_actual)
    so_far = life_of_plan_actual(indicator.rule, counted, as_of, baseline=baseline)
    if indicator.rule == CumulativeRule.NON_CUMULATIVE:
        # Period sums add up to the life-of-plan total: the share of it reached so far.
        lop_percent = None
        if indicator.direction == Direction.INCREASE:
            lop_percent = percent_met(
                Direction.INCREASE, Decimal(0), indicator.target_value, so_far
            )
    else:
        lop_percent = percent_met(indicator.direction, baseline, indicator.target_value, so_far)
    return IndicatorCard(
        indicator=indicator,
        verdict=result,
        at=at,
        actual=now_actual,
        expected=expected,
        percent=lop_percent,
        on_path=on_path,
        rows=_period_rows(indicator, targets, counted, years, as_of),
    )


def _sum_within(values: list[Reported], start: date, until: date) -> Decimal | None:
    from .measures import non_overlapping_sum

    return non_overlapping_sum(
        item for item in values if item.period.start >= start and item.period.end <= until
    )


def _period_rows(
    indicator: PlanIndicator,
    targets: dict[str, Decimal],
    values: list[Reported],
    years: list[int],
    as_of: date,
) -> list[PeriodRow]:
    frequency = indicator.frequency
    periods = periods_of(
        years, Frequency.ANNUAL if frequency == Frequency.LIFE_OF_PLAN else frequency
    )
    spans = spans_of(indicator, targets, years) if frequency != Frequency.LIFE_OF_PLAN else []
    rows = []
    for index, period in enumerate(periods):
        target = spans[index].value if spans else None
        done = period.end < as_of
        value = (
            actual(indicator.rule, values, period, baseline=indicator.baseline_value)
            if done
            else None
        )
        baseline = indicator.baseline_value
        rows.append(
            PeriodRow(
                period=period,
                target=target,
                actual=value,
                percent=percent_met(indicator.direction, baseline, target, value),
                completed=done,
                default_target=bool(spans) and period.code not in targets,
            )
        )
    return rows


def plan_scorecard(
    plan: Plan, *, as_of: date | None = None, version: PlanVersion | None = None
) -> Scorecard:
    """The scorecard of the version in force (or `version`), as of `as_of` (today)."""
    as_of = as_of or timezone.localdate()
    version = version or version_in_force(plan)
    if version is None:
        return Scorecard(plan, None, as_of, [], None, {}, [])
    cards = _cards(plan, version, as_of)
    spent = {
        row["source"]: int(row["total"])
        for row in ReportSpending.objects.filter(
            report__plan=plan, report__status=ReportStatus.PUBLISHED
        )
        .values("source")
        .annotate(total=Sum("amount"))
    }
    return Scorecard(
        plan,
        version,
        as_of,
        cards,
        budget_table(version),
        spent,
        late_actions(plan, version, as_of),
    )


def _cards(plan: Plan, version: PlanVersion, as_of: date) -> list[IndicatorCard]:
    indicators = list(
        PlanIndicator.objects.filter(version=version)
        .select_related("indicator", "outcome", "output__outcome")
        .order_by("order", "pk")
    )
    targets: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for indicator_id, period, value in PeriodTarget.objects.filter(version=version).values_list(
        "indicator_id", "period", "value"
    ):
        targets[indicator_id][period] = value
    values = reported_values(plan)
    return [
        indicator_card(
            indicator,
            targets.get(indicator.pk, {}),
            values.get(indicator.uid, []),
            years=plan.years,
            as_of=as_of,
        )
        for indicator in indicators
    ]


def reported_values(plan: Plan) -> dict[Any, list[Reported]]:
    """The values of the plan's published reports, by indicator uid (across versions)."""
    found: dict[Any, list[Reported]] = defaultdict(list)
    rows = ReportValue.objects.filter(
        report__plan=plan, report__status=ReportStatus.PUBLISHED, value__isnull=False
    ).values_list("indicator__uid", "report__period", "value")
    for uid, period, value in rows:
        assert value is not None  # filtered above
        found[uid].append(Reported(Period.parse(period), value))
    return found


def late_actions(plan: Plan, version: PlanVersion, as_of: date) -> list[LateAction]:
    """Actions past their end and not done, or reported delayed, by the latest published
    report that speaks of them."""
    latest: dict[Any, tuple[str, int]] = {}
    progress = (
        ReportActionProgress.objects.filter(
            report__plan=plan, report__status=ReportStatus.PUBLISHED
        )
        .order_by("report__period")
        .values_list("action__uid", "status", "percent_done")
    )
    for uid, status, percent in progress:
        latest[uid] = (status, percent)
    late = []
    for action in Action.objects.filter(version=version).select_related("responsible"):
        status, percent = latest.get(action.uid, (action.status, action.percent_done))
        if status in (ActionStatus.DONE, ActionStatus.CANCELLED):
            continue
        if status == ActionStatus.DELAYED or (action.ends_on and action.ends_on < as_of):
            late.append(LateAction(action, status, percent))
    return late


def refresh_scores(plan: Plan, *, as_of: date | None = None) -> int:
    """Store the verdict on each indicator of the version in force (for the roll-up)."""
    version = version_in_force(plan)
    with transaction.atomic():
        IndicatorScore.objects.filter(plan=plan).delete()
        if version is None:
            return 0
        cards = _cards(plan, version, as_of or timezone.localdate())
        IndicatorScore.objects.bulk_create(
            IndicatorScore(
                plan=plan,
                indicator=card.indicator,
                goal_id=card.goal_id,
                verdict=card.verdict,
                percent=card.percent,
                at=card.at,
            )
            for card in cards
        )
    return len(cards)


def rule_sentence(indicator: PlanIndicator) -> str:
    """The cumulative rule of an indicator in words, shown beside its figures."""
    if indicator.rule == CumulativeRule.NON_CUMULATIVE:
        return _("non-cumulative: each period's actual is the sum of what was reported in it")
    if indicator.rule == CumulativeRule.CUMULATIVE:
        return _("cumulative: the running total from the baseline")
    return _("latest value: the last value reported")


def direction_word(indicator: PlanIndicator) -> str:
    return (
        _("should increase") if indicator.direction == Direction.INCREASE else _("should decrease")
    )
