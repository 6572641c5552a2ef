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

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .budget import budget_table
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


def _place(version: PlanVersion, section: str, anchor: str) -> str:
    url = reverse("plans:edit", args=[version.plan_id, version.number, section])
    return f"{url}#{anchor}"


def _tenge(amount: int) -> str:
    return number_format(amount, force_grouping=True)


def measurable(indicator: PlanIndicator) -> bool:
    return bool(
        (indicator.unit_kind and (indicator.name or indicator.indicator_id))
        and indicator.baseline_value is not None
        and indicator.baseline_year
        and indicator.target_value is not None
    )


def check_quality(version: PlanVersion) -> QualityReport:
    """Every rule over the version; a handful of queries whatever the plan's size."""
    report = QualityReport(version)
    indicators = list(
        PlanIndicator.objects.filter(version=version).select_related("indicator", "output__outcome")
    )
    targets: dict[int, list[PeriodTarget]] = defaultdict(list)
    for target in PeriodTarget.objects.filter(version=version).order_by("period"):
        targets[target.indicator_id].append(target)
    _goals(report, version, indicators)
    _actions(report, version)
    _indicators(report, version, indicators, targets)
    _budget(report, version)
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
                    _place(version, Section.DIRECTIONS, f"goal-{goal.uid}"),
                )
            )


def _actions(report: QualityReport, version: PlanVersion) -> None:
    serving = set(
        Action.goals.through.objects.filter(action__version=version).values_list(
            "action_id", flat=True
        )
    )
    actions = Action.objects.filter(version=version).only(
        "pk", "uid", "code", "name_kk", "name_ru", "name_en", "output_id", "starts_on", "ends_on"
    )
    costs_by_action: dict[int, set[int]] = defaultdict(set)
    for action_id, year in ActionCost.objects.filter(version=version).values_list(
        "action_id", "year"
    ):
        costs_by_action[action_id].add(year)
    for action in actions:
        report.checks += 1
        place = _place(version, Section.DIRECTIONS, f"action-{action.uid}")
        if action.output_id is None and action.pk not in serving:
            report.findings.append(
                Finding(
                    "action_serves_goal",
                    _("Action %(code)s “%(name)s” serves no goal: link it to a goal or an output.")
                    % {"code": action.code, "name": action.name},
                    place,
                )
            )
        if action.starts_on and action.ends_on:
            outside = sorted(
                year
                for year in costs_by_action.get(action.pk, ())
                if not action.starts_on.year <= year <= action.ends_on.year
            )
            if outside:
                report.findings.append(
                    Finding(
                        "budget",
                        _("Action %(code)s has costs in %(years)s, outside the years it runs.")
                        % {"code": action.code, "years": ", ".join(map(str, outside))},
                        _place(version, Section.RESOURCES, f"action-{action.uid}"),
                    )
                )


def _indicators(
    report: QualityReport,
    version: PlanVersion,
    indicators: list[PlanIndicator],
    targets: dict[int, list[PeriodTarget]],
) -> None:
    years = version.plan.years
    for indicator in indicators:
        report.checks += 1
        place = _place(version, Section.DIRECTIONS, f"indicator-{indicator.uid}")
        words = {"code": indicator.code, "name": indicator.name}
        if not indicator.outcome_id and not indicator.output_id:
            report.findings.append(
                Finding(
                    "indicator_orphan",
                    _("Indicator %(code)s “%(name)s” measures no outcome or output: attach it.")
                    % words,
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
                        **words,
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
                    _("Indicator %(code)s “%(name)s” has no life-of-plan target.") % words,
                    place,
                )
            )
        if indicator.frequency == Frequency.LIFE_OF_PLAN:
            continue
        expected = [period.code for period in periods_of(years, indicator.frequency)]
        present = {target.period for target in own}
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
                        **words,
                        "frequency": indicator.get_frequency_display(),
                        "problem": "; ".join(parts),
                    },
                    place,
                )
            )


def _moves_well(indicator: PlanIndicator, targets: list[PeriodTarget]) -> bool:
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
    values = [target.value for target in targets]
    if indicator.rule == CumulativeRule.NON_CUMULATIVE:
        return all(good(value) for value in values)
    if indicator.rule == CumulativeRule.CUMULATIVE:
        steps = zip(values, values[1:], strict=False)
        return all((b >= a) if increase else (b <= a) for a, b in steps)
    return True


def _budget(report: QualityReport, version: PlanVersion) -> None:
    table = budget_table(version)
    report.checks += 1
    place = _place(version, Section.RESOURCES, "envelopes")
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
