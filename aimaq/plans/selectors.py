"""Reads that build the plans pages, documents and API answers.

`plan_contents(version)` reads a whole version in a fixed number of queries (whatever its
size) into the official five-section structure; the page, the PDF/DOCX and the JSON are all
made from it, so they cannot disagree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Sum

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


@dataclass
class PlanContents:
    plan: Plan
    version: PlanVersion
    texts: dict[str, SectionText]
    evidence: list[EvidenceBlock]
    swot: list[tuple[str, str, list[tuple[str, str, list[SwotItem]]]]]
    problems: list[ProblemBranch]
    goals: list[GoalNode]
    actions: list[ActionRow]
    indicators: list[IndicatorRow]
    orphans: list[IndicatorRow]
    budget: BudgetTable
    traces: dict[Any, list[TraceLink]]

    def text(self, section: str) -> str:
        row = self.texts.get(section)
        return row.text if row else ""


def plan_contents(version: PlanVersion) -> PlanContents:
    """The whole version, read in a fixed number of queries."""
    plan = version.plan
    texts = {row.section: row for row in SectionText.objects.filter(version=version)}
    evidence = list(
        EvidenceBlock.objects.filter(version=version).select_related("indicator", "territory")
    )
    indicators = [
        IndicatorRow(indicator)
        for indicator in PlanIndicator.objects.filter(version=version)
        .select_related("indicator")
        .order_by("order", "pk")
    ]
    by_pk = {row.indicator.pk: row for row in indicators}
    for indicator_id, period, value in PeriodTarget.objects.filter(version=version).values_list(
        "indicator_id", "period", "value"
    ):
        by_pk[indicator_id].targets[period] = value
    actions = list(
        Action.objects.filter(version=version)
        .select_related("responsible", "output")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.only("pk", "code")))
    )
    goals = _chain(version, indicators, actions)
    traces: dict[Any, list[TraceLink]] = defaultdict(list)
    for link in TraceLink.objects.filter(version=version):
        traces[link.element_uid].append(link)
    return PlanContents(
        plan=plan,
        version=version,
        texts=texts,
        evidence=evidence,
        swot=_swot(version),
        problems=_problems(version),
        goals=goals,
        actions=_action_rows(version, actions),
        indicators=indicators,
        orphans=[
            row
            for row in indicators
            if not row.indicator.outcome_id and not row.indicator.output_id
        ],
        budget=budget_table(version),
        traces=dict(traces),
    )


def _chain(
    version: PlanVersion, indicators: list[IndicatorRow], actions: list[Action]
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
    for output in Output.objects.filter(version=version):
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
        for goal in action.goals.all():
            if goal.pk in goal_nodes and action.output_id is None:
                goal_nodes[goal.pk].actions.append(action)
    return goals


def _action_rows(version: PlanVersion, actions: list[Action]) -> list[ActionRow]:
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
                goal_codes=[goal.code for goal in action.goals.all()],
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
