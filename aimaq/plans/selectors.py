"""Reads that build the plans pages, documents and API answers.

`plan_contents(version)` reads a whole version in a fixed number of queries (whatever its
size; each part when first used) into the official five-section structure; the page, the PDF/DOCX and the JSON are all
made from it, so they cannot disagree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Sum

from aimaq.accounts.models import Organisation
from aimaq.core.permissions import allowed_rows
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from .budget import BudgetTable, budget_table
from .models import (
    Action,
    ActionCost,
    EvidenceBlock,
    FocusArea,
    Goal,
    Outcome,
    Output,
    PeriodTarget,
    Plan,
    PlanIndicator,
    PlanVersion,
    Problem,
    ProblemRole,
    SectionText,
    SwotItem,
    SwotQuadrant,
    TraceLink,
)
from .permissions import VIEW


def visible_plans(user: Any):
    return allowed_rows(
        user, VIEW, with_territories(Plan.objects.select_related("owner"), "territory")
    )


def plans_here(user: Any, territory: Territory) -> list[Plan]:
    """The plans of `territory` and the units below it that `user` may see."""
    return list(visible_plans(user).filter(territory__in=Territory.objects.subtree(territory)))


@dataclass
class IndicatorRow:
    indicator: PlanIndicator
    targets: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class OutputNode:
    output: Output
    indicators: list[IndicatorRow] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class OutcomeNode:
    outcome: Outcome
    indicators: list[IndicatorRow] = field(default_factory=list)
    outputs: list[OutputNode] = field(default_factory=list)


@dataclass
class GoalNode:
    goal: Goal
    outcomes: list[OutcomeNode] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # serving it directly


@dataclass
class ActionRow:
    action: Action
    by_year: list[int]
    total: int
    goal_codes: list[str]


@dataclass
class ProblemBranch:
    core: Problem
    causes: list[Problem] = field(default_factory=list)
    effects: list[Problem] = field(default_factory=list)


class PlanContents:
    """A whole version in the official structure. Each part is read the first time it is
    asked for, in a fixed number of queries whatever the plan's size: a document or the API
    reads them all, a section's editing page only the parts it shows."""

    def __init__(self, version: PlanVersion) -> None:
        self.version = version
        self.plan: Plan = version.plan

    @cached_property
    def texts(self) -> dict[str, SectionText]:
        return {row.section: row for row in SectionText.objects.filter(version=self.version)}

    @cached_property
    def evidence(self) -> list[EvidenceBlock]:
        return list(
            EvidenceBlock.objects.filter(version=self.version).select_related(
                "indicator", "territory"
            )
        )

    @cached_property
    def indicators(self) -> list[IndicatorRow]:
        rows = [
            IndicatorRow(indicator)
            for indicator in PlanIndicator.objects.filter(version=self.version)
            .select_related("indicator")
            .order_by("order", "pk")
        ]
        by_pk = {row.indicator.pk: row for row in rows}
        for indicator_id, period, value in PeriodTarget.objects.filter(
            version=self.version
        ).values_list("indicator_id", "period", "value"):
            by_pk[indicator_id].targets[period] = value
        return rows

    @cached_property
    def orphans(self) -> list[IndicatorRow]:
        return [
            row
            for row in self.indicators
            if not row.indicator.outcome_id and not row.indicator.output_id
        ]

    @cached_property
    def _outputs(self) -> dict[int, Output]:
        return {output.pk: output for output in Output.objects.filter(version=self.version)}

    @cached_property
    def _actions(self) -> list[Action]:
        """The actions with their output and responsible organisation joined in memory
        (a select_related would build one output and one organisation per action)."""
        actions = list(Action.objects.filter(version=self.version))
        organisations = Organisation.objects.in_bulk(
            {action.responsible_id for action in actions if action.responsible_id}
        )
        for action in actions:
            action.output = self._outputs.get(action.output_id)  # type: ignore[arg-type]
            action.responsible = organisations.get(action.responsible_id)
        return actions

    @cached_property
    def _served(self) -> dict[int, list[Goal]]:
        """The goals each action serves directly, in the goals' order: {action id: goals}."""
        goals = Goal.objects.filter(version=self.version).only("pk", "code", "order").in_bulk()
        served: dict[int, list[Goal]] = defaultdict(list)
        links = Action.goals.through.objects.filter(action__version=self.version)
        for action_id, goal_id in links.values_list("action_id", "goal_id"):
            if goal_id in goals:
                served[action_id].append(goals[goal_id])
        for found in served.values():
            found.sort(key=lambda goal: (goal.order, goal.pk))
        return served

    @cached_property
    def goals(self) -> list[GoalNode]:
        return _chain(self.version, self.indicators, self._actions, self._served, self._outputs)

    @cached_property
    def actions(self) -> list[ActionRow]:
        return _action_rows(self.version, self._actions, self._served)

    @cached_property
    def swot(self) -> list[tuple[str, str, list[tuple[str, str, list[SwotItem]]]]]:
        return _swot(self.version)

    @cached_property
    def problems(self) -> list[ProblemBranch]:
        return _problems(self.version)

    @cached_property
    def budget(self) -> BudgetTable:
        return budget_table(self.version)

    @cached_property
    def traces(self) -> dict[Any, list[TraceLink]]:
        found: dict[Any, list[TraceLink]] = defaultdict(list)
        for link in TraceLink.objects.filter(version=self.version):
            found[link.element_uid].append(link)
        return dict(found)

    def text(self, section: str) -> str:
        row = self.texts.get(section)
        return row.text if row else ""


def plan_contents(version: PlanVersion) -> PlanContents:
    """The whole version, each part read when first used."""
    return PlanContents(version)


def _chain(
    version: PlanVersion,
    indicators: list[IndicatorRow],
    actions: list[Action],
    served: dict[int, list[Goal]],
    outputs: dict[int, Output],
) -> list[GoalNode]:
    goals = [
        GoalNode(goal)
        for goal in Goal.objects.filter(version=version).select_related("aligned_to__version__plan")
    ]
    goal_nodes = {node.goal.pk: node for node in goals}
    outcome_nodes: dict[int, OutcomeNode] = {}
    for outcome in Outcome.objects.filter(version=version):
        node = OutcomeNode(outcome)
        outcome_nodes[outcome.pk] = node
        if outcome.goal_id in goal_nodes:
            goal_nodes[outcome.goal_id].outcomes.append(node)
    output_nodes: dict[int, OutputNode] = {}
    for output in outputs.values():
        output_node = OutputNode(output)
        output_nodes[output.pk] = output_node
        if output.outcome_id in outcome_nodes:
            outcome_nodes[output.outcome_id].outputs.append(output_node)
    for row in indicators:
        if row.indicator.outcome_id in outcome_nodes:
            outcome_nodes[row.indicator.outcome_id].indicators.append(row)
        elif row.indicator.output_id in output_nodes:
            output_nodes[row.indicator.output_id].indicators.append(row)
    for action in actions:
        if action.output_id in output_nodes:
            output_nodes[action.output_id].actions.append(action)
        for goal in served.get(action.pk, ()):
            if goal.pk in goal_nodes and action.output_id is None:
                goal_nodes[goal.pk].actions.append(action)
    return goals


def _action_rows(
    version: PlanVersion, actions: list[Action], served: dict[int, list[Goal]]
) -> list[ActionRow]:
    years = version.plan.years
    totals: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    grouped = (
        ActionCost.objects.filter(version=version)
        .values_list("action_id", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for action_id, year, amount in grouped:
        totals[action_id][year] += int(amount)
    rows = []
    for action in actions:
        per_year = totals.get(action.pk, {})
        rows.append(
            ActionRow(
                action=action,
                by_year=[per_year.get(year, 0) for year in years],
                total=sum(per_year.values()),
                goal_codes=[goal.code for goal in served.get(action.pk, ())],
            )
        )
    return rows


def _swot(version: PlanVersion) -> list[tuple[str, str, list[tuple[str, str, list[SwotItem]]]]]:
    """Per focus area that has items: its quadrants with their items, in S W O T order."""
    items: dict[str, dict[str, list[SwotItem]]] = defaultdict(lambda: defaultdict(list))
    for item in SwotItem.objects.filter(version=version):
        items[item.focus_area][item.quadrant].append(item)
    areas = []
    for area, area_label in FocusArea.choices:
        if area not in items:
            continue
        quadrants = [
            (quadrant, str(label), items[area].get(quadrant, []))
            for quadrant, label in SwotQuadrant.choices
        ]
        areas.append((area, str(area_label), quadrants))
    return areas


def _problems(version: PlanVersion) -> list[ProblemBranch]:
    problems = list(Problem.objects.filter(version=version).select_related("evidence_indicator"))
    branches = {p.pk: ProblemBranch(p) for p in problems if p.role == ProblemRole.CORE}
    for problem in problems:
        branch = branches.get(problem.core_id) if problem.core_id else None
        if branch is None:
            continue
        (branch.causes if problem.role == ProblemRole.CAUSE else branch.effects).append(problem)
    return list(branches.values())
