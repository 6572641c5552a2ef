"""The quality check of a version: the author runs it at any time, approval requires it to
pass. Each failure says what to fix and links straight to the place.

Rules:
- every goal has an outcome with a measurable indicator: a unit, a baseline (value and
  year) and a life-of-plan target;
- every action serves a goal (through its output, or named directly);
- no indicator is orphaned (each measures an outcome or an output);
- targets move in the indicator's good direction;
- the periods are complete for the chosen frequency (a target for each, none beyond);
- the budget per year and source stays within the envelope, and an action's costs fall in
  the years it runs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .budget import BudgetTable, budget_table
from .models import (
    Action,
    ActionCost,
    CumulativeRule,
    Direction,
    Frequency,
    Goal,
    Outcome,
    PeriodTarget,
    PlanIndicator,
    PlanVersion,
    Section,
)
from .periods import periods_of


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    url: str


@dataclass
class QualityReport:
    version: PlanVersion
    findings: list[Finding] = field(default_factory=list)
    checks: int = 0
    _section_urls: dict[str, str] = field(default_factory=dict, repr=False)

    def place(self, section: str, anchor: str) -> str:
        """Where to fix a finding: a section's editing page at the element (each section's
        URL reversed once per check, not once per element)."""
        if section not in self._section_urls:
            self._section_urls[section] = reverse(
                "plans:edit", args=[self.version.plan_id, self.version.number, section]
            )
        return f"{self._section_urls[section]}#{anchor}"

    @property
    def passed(self) -> bool:
        return not self.findings

    def by_rule(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            grouped[finding.rule].append(finding)
        return dict(grouped)


def rule_titles() -> dict[str, str]:
    return {
        "goal_measured": _("Every goal has an outcome with a measurable indicator"),
        "action_serves_goal": _("Every action serves a goal"),
        "indicator_orphan": _("No indicator is orphaned"),
        "target_direction": _("Targets move in the indicator's good direction"),
        "periods_complete": _("The periods are complete for the chosen frequency"),
        "budget": _("The budget stays within the envelopes"),
    }


def _tenge(amount: int) -> str:
    return number_format(amount, force_grouping=True)


def measurable(indicator: PlanIndicator) -> bool:
    return bool(
        (indicator.unit_kind and (indicator.name or indicator.indicator_id))
        and indicator.baseline_value is not None
        and indicator.baseline_year
        and indicator.target_value is not None
    )


def check_quality(version: PlanVersion, *, budget: BudgetTable | None = None) -> QualityReport:
    """Every rule over the version; a handful of queries whatever the plan's size. A page
    that has read the version's `budget` already passes it in."""
    report = QualityReport(version)
    indicators = list(
        PlanIndicator.objects.filter(version=version).select_related("indicator", "output__outcome")
    )
    targets: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for indicator_id, period, value in (
        PeriodTarget.objects.filter(version=version)
        .order_by("period")
        .values_list("indicator_id", "period", "value")
    ):
        targets[indicator_id].append((period, value))
    _goals(report, version, indicators)
    _actions(report, version)
    _indicators(report, version, indicators, targets)
    _budget(report, budget or budget_table(version))
    return report


def _goals(report: QualityReport, version: PlanVersion, indicators: list[PlanIndicator]) -> None:
    measured_outcomes = {
        indicator.outcome_id if indicator.output is None else indicator.output.outcome_id
        for indicator in indicators
        if (indicator.outcome_id or indicator.output_id) and measurable(indicator)
    }
    outcome_goal = dict(Outcome.objects.filter(version=version).values_list("pk", "goal_id"))
    measured_goals = {outcome_goal.get(pk) for pk in measured_outcomes if pk is not None}
    for goal in Goal.objects.filter(version=version):
        report.checks += 1
        if goal.pk not in measured_goals:
            report.findings.append(
                Finding(
                    "goal_measured",
                    _(
                        "Goal %(code)s “%(name)s” has no outcome with a measurable indicator "
                        "(a unit, a baseline with its year and a target): add one."
                    )
                    % {"code": goal.code, "name": goal.name},
                    report.place(Section.DIRECTIONS, f"goal-{goal.uid}"),
                )
            )


def _actions(report: QualityReport, version: PlanVersion) -> None:
    """Both rules are asked of the database, which answers with the offenders only (a plan
    of 200 actions and 6,000 cost rows reads no row that passes)."""
    report.checks += Action.objects.filter(version=version).count()
    for action in Action.objects.filter(version=version, output=None, goals=None).order_by(
        "order", "pk"
    ):
        report.findings.append(
            Finding(
                "action_serves_goal",
                _("Action %(code)s “%(name)s” serves no goal: link it to a goal or an output.")
                % {"code": action.code, "name": action.name},
                report.place(Section.DIRECTIONS, f"action-{action.uid}"),
            )
        )
    costs = ActionCost.objects.filter(version=version)
    # Per year of the costs, a cost is outside when its action starts after that year or
    # ends before it (dates compared as they are: no function over every row).
    outside_q = Q(pk__in=[])
    for year in costs.values_list("year", flat=True).distinct().order_by():
        outside_q |= Q(year=year) & (
            Q(action__starts_on__gt=date(year, 12, 31)) | Q(action__ends_on__lt=date(year, 1, 1))
        )
    outside: dict[tuple[int, str, Any], list[int]] = defaultdict(list)
    for action_id, code, uid, year in (
        costs.filter(outside_q)
        .values_list("action_id", "action__code", "action__uid", "year")
        .distinct()
        .order_by("action__order", "action_id", "year")
    ):
        outside[(action_id, code, uid)].append(year)
    for (_pk, code, uid), years in outside.items():
        report.findings.append(
            Finding(
                "budget",
                _("Action %(code)s has costs in %(years)s, outside the years it runs.")
                % {"code": code, "years": ", ".join(map(str, years))},
                report.place(Section.RESOURCES, f"action-{uid}"),
            )
        )


def _indicators(
    report: QualityReport,
    version: PlanVersion,
    indicators: list[PlanIndicator],
    targets: dict[int, list[tuple[str, Decimal]]],
) -> None:
    years = version.plan.years
    expected_of: dict[str, list[str]] = {}
    for indicator in indicators:
        report.checks += 1
        place = report.place(Section.DIRECTIONS, f"indicator-{indicator.uid}")
        if not indicator.outcome_id and not indicator.output_id:
            report.findings.append(
                Finding(
                    "indicator_orphan",
                    _("Indicator %(code)s “%(name)s” measures no outcome or output: attach it.")
                    % _words(indicator),
                    place,
                )
            )
        own = targets.get(indicator.pk, [])
        if not _moves_well(indicator, own):
            report.findings.append(
                Finding(
                    "target_direction",
                    _(
                        "Indicator %(code)s “%(name)s” should %(direction)s, but its targets do "
                        "not move that way from the baseline."
                    )
                    % {
                        **_words(indicator),
                        "direction": _("increase")
                        if indicator.direction == Direction.INCREASE
                        else _("decrease"),
                    },
                    place,
                )
            )
        if indicator.target_value is None:
            report.findings.append(
                Finding(
                    "periods_complete",
                    _("Indicator %(code)s “%(name)s” has no life-of-plan target.")
                    % _words(indicator),
                    place,
                )
            )
        if indicator.frequency == Frequency.LIFE_OF_PLAN:
            continue
        if indicator.frequency not in expected_of:
            expected_of[indicator.frequency] = [
                period.code for period in periods_of(years, indicator.frequency)
            ]
        expected = expected_of[indicator.frequency]
        present = {period for period, _value in own}
        missing = [code for code in expected if code not in present]
        extra = sorted(present - set(expected))
        if missing or extra:
            parts = []
            if missing:
                parts.append(_("no target for %(periods)s") % {"periods": ", ".join(missing)})
            if extra:
                parts.append(
                    _("targets outside the plan: %(periods)s") % {"periods": ", ".join(extra)}
                )
            report.findings.append(
                Finding(
                    "periods_complete",
                    _("Indicator %(code)s “%(name)s” (%(frequency)s): %(problem)s.")
                    % {
                        **_words(indicator),
                        "frequency": indicator.get_frequency_display(),
                        "problem": "; ".join(parts),
                    },
                    place,
                )
            )


def _words(indicator: PlanIndicator) -> dict[str, str]:
    """An indicator's code and name for a message (looked up only when one is written)."""
    return {"code": indicator.code, "name": indicator.name}


def _moves_well(indicator: PlanIndicator, targets: list[tuple[str, Decimal]]) -> bool:
    """The life-of-plan target lies on the good side of the baseline; a running total never
    goes back; the targets of a period sum lie on the good side of the per-period baseline."""
    baseline = indicator.baseline_value
    if baseline is None:
        return True
    increase = indicator.direction == Direction.INCREASE

    def good(value) -> bool:
        return value > baseline if increase else value < baseline

    lop = indicator.target_value
    if lop is not None and indicator.rule != CumulativeRule.NON_CUMULATIVE and not good(lop):
        return False
    values = [value for _period, value in targets]
    if indicator.rule == CumulativeRule.NON_CUMULATIVE:
        return all(good(value) for value in values)
    if indicator.rule == CumulativeRule.CUMULATIVE:
        steps = zip(values, values[1:], strict=False)
        return all((b >= a) if increase else (b <= a) for a, b in steps)
    return True


def _budget(report: QualityReport, table: BudgetTable) -> None:
    report.checks += 1
    place = report.place(Section.RESOURCES, "envelopes")
    for year, source, planned, envelope in table.over_envelope():
        if envelope is None:
            message = _(
                "%(year)s, %(source)s: the actions plan %(planned)s tenge but there is no "
                "envelope for this source and year."
            )
        else:
            message = _(
                "%(year)s, %(source)s: the actions plan %(planned)s tenge, more than the "
                "envelope of %(envelope)s tenge."
            )
        report.findings.append(
            Finding(
                "budget",
                message
                % {
                    "year": year,
                    "source": source.name,
                    "planned": _tenge(planned),
                    "envelope": _tenge(envelope or 0),
                },
                place,
            )
        )
