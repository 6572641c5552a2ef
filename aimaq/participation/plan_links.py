"""Everything participation needs from the plans app, in one place: the plan's draft that
meeting outputs land in, the actions a proposal or a winning project links to, their
progress, and the plan's sections for a consultation. Only this module imports
`aimaq.plans` (import-linter names the dependency: participation → plans).

Writes go through the plans app's public services (`aimaq.plans.services`), which ask the
one permission check for the person acting: only someone who may write the plan's draft
lands outputs in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.urls import reverse

from aimaq.core.permissions import can
from aimaq.plans import services as plans
from aimaq.plans.models import (
    Action,
    ActionStatus,
    FundingSource,
    Plan,
    PlanVersion,
    ReportActionProgress,
    ReportStatus,
    Section,
    SectionText,
)
from aimaq.plans.models.choices import EDITABLE_STATUSES, VersionStatus
from aimaq.plans.permissions import CHANGE as PLAN_CHANGE
from aimaq.plans.permissions import VIEW as PLAN_VIEW
from aimaq.plans.sources import ensure_funding_sources

Source = plans.Source


@dataclass(frozen=True)
class Landed:
    version_id: int
    uid: UUID


@dataclass(frozen=True)
class ActionView:
    """A plan action as a resident follows it: where, what, and how far it got."""

    plan_id: int
    plan_name: str
    code: str
    name: str
    status: str
    status_label: str
    percent_done: int
    url: str
    progress_from_report: bool


def draft_of(plan: Plan | None) -> PlanVersion | None:
    """The plan's working draft (a draft or under consultation), if any."""
    return plans.working_draft(plan) if plan is not None else None


def may_write(user: Any, plan: Plan | None) -> bool:
    draft = draft_of(plan)
    return draft is not None and can(user, PLAN_CHANGE, draft)


def land(
    plan: Plan,
    *,
    kind: str,
    theme: str,
    text: str,
    quadrant: str = "",
    source: Source,
    by: Any,
) -> Landed:
    """Write one meeting output into the plan's draft, traced to `source`, as `by` (who
    must be allowed to write the draft). A vision is appended to the vision section under
    its theme; the rest become elements of their kind."""
    draft = plans.as_draft(plan)
    element: Any
    if kind == "swot":
        element = plans.add_swot_item(
            draft, quadrant=quadrant, text=text, focus_area=theme, source=source, by=by
        )
    elif kind == "problem":
        element = plans.add_problem(draft, text=text, focus_area=theme, source=source, by=by)
    elif kind == "goal":
        element = plans.add_goal(draft, name=text, focus_area=theme, source=source, by=by)
    elif kind == "action":
        element = plans.add_action(draft, name=text, source=source, by=by)
    elif kind == "vision":
        current = SectionText.objects.filter(version=draft, section=Section.VISION).first()
        before = current.text if current is not None else ""
        combined = f"{before}\n\n{text}".strip() if before else text
        element = plans.set_section_text(draft, Section.VISION, combined, by=by)
        plans.trace(element, source, by=by)
    else:
        raise ValueError(f"unknown output kind {kind!r}")
    return Landed(draft.pk, element.uid)


def trace_existing(version: PlanVersion, uid: UUID, source: Source) -> bool:
    """Record that an element already in a version came from `source` (the demo's approved
    plans, whose SWOT came from the meetings). False when no such element exists."""
    from aimaq.plans.models import Action, Goal, Problem, SwotItem

    for model in (SwotItem, Problem, Goal, Action, SectionText):
        element = model.objects.filter(version=version, uid=uid).first()
        if element is not None:
            plans.trace(element, source)
            return True
    return False


def elements_of(version: PlanVersion, kind: str) -> list[Any]:
    """The elements of one kind in a version (for the demo and for picking)."""
    from aimaq.plans.models import Goal, Problem, SwotItem

    model: Any = {"swot": SwotItem, "problem": Problem, "goal": Goal, "action": Action}[kind]
    return list(model.objects.filter(version=version).order_by("order", "pk"))


def shown_version(plan: Plan) -> PlanVersion:
    return plans.shown_version(plan)


def actions_to_link(plan: Plan, user: Any) -> list[Action]:
    """The actions of the version a plan is shown by, for an official linking a proposal."""
    version = plans.shown_version(plan)
    if version is None or not can(user, PLAN_VIEW, version):
        return []
    return list(Action.objects.filter(version=version).order_by("order", "pk"))


def find_action(plan: Plan, uid: UUID | str) -> Action | None:
    """The action with `uid` in the version the plan is shown by (uids survive amendments)."""
    version = plans.shown_version(plan)
    if version is None:
        return None
    return Action.objects.filter(version=version, uid=uid).first()


def action_view(plan: Plan | None, uid: UUID | None, user: Any) -> ActionView | None:
    """The action a proposal or project is linked to, with its latest published progress
    (monitoring reports), or its status in the plan; None when the viewer may not see it."""
    if plan is None or uid is None:
        return None
    action = find_action(plan, uid)
    if action is None or not can(user, PLAN_VIEW, action.version):
        return None
    status, percent, reported = action.status, action.percent_done, False
    progress = (
        ReportActionProgress.objects.filter(
            report__plan=plan, report__status=ReportStatus.PUBLISHED, action__uid=uid
        )
        .order_by("-report__period")
        .values_list("status", "percent_done")
        .first()
    )
    if progress is not None:
        (status, percent), reported = progress, True
    url = reverse("plans:version", args=[plan.pk, action.version.number]) + f"#action-{uid}"
    return ActionView(
        plan_id=plan.pk,
        plan_name=plan.name,
        code=action.code,
        name=action.name,
        status=status,
        status_label=str(ActionStatus(status).label),
        percent_done=percent,
        url=url,
        progress_from_report=reported,
    )


def budget_source_for(level: str) -> FundingSource:
    """The local budget a participatory-budget call of a territory of `level` spends."""
    sources = ensure_funding_sources()
    if level in ("oblast", "city_republican"):
        return sources["oblast-budget"]
    if level in ("rural_okrug", "township", "settlement", "town"):
        return sources["okrug-budget"]
    return sources["rayon-budget"]


def add_winner_action(
    plan: Plan,
    *,
    name: str,
    cost: int,
    year: int,
    level: str,
    source: Source,
    by: Any,
) -> UUID:
    """A winning project as an action of the plan's draft, costed in its year from the local
    budget, traced to the call."""
    draft = plans.as_draft(plan)
    action = plans.add_action(
        draft,
        name=name,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        costs={(year, budget_source_for(level)): cost},
        source=source,
        by=by,
    )
    return action.uid


def plan_years(plan: Plan) -> list[int]:
    return plan.years


def plan_sections() -> list[tuple[str, str]]:
    """The sections of a plan a consultation collects comments on."""
    return [(value, str(label)) for value, label in Section.choices]


def version_sections_text(version: PlanVersion) -> dict[str, str]:
    return {row.section: row.text for row in SectionText.objects.filter(version=version)}


def is_open_for_consultation(version: PlanVersion) -> bool:
    return version.status in EDITABLE_STATUSES


def in_consultation(version: PlanVersion) -> bool:
    return version.status == VersionStatus.CONSULTATION


def plan_url(plan: Plan) -> str:
    return reverse("plans:detail", args=[plan.pk])


def version_url(version: PlanVersion) -> str:
    return reverse("plans:version", args=[version.plan_id, version.number])


def may_see_plan(user: Any, plan: Plan) -> bool:
    return can(user, PLAN_VIEW, plan)


def may_consult(user: Any, version: PlanVersion) -> bool:
    """Whoever may write the version may open its consultation and write its summary."""
    return can(user, PLAN_CHANGE, version)


def plans_in(territory: Any) -> list[Plan]:
    return list(Plan.objects.filter(territory=territory).order_by("-start_year", "pk"))


def create_plan_for_demo(**kwargs: Any) -> Plan:
    return plans.create_plan(**kwargs)


__all__ = [
    "ActionView",
    "Landed",
    "Plan",
    "PlanVersion",
    "Source",
    "action_view",
    "actions_to_link",
    "add_winner_action",
    "draft_of",
    "land",
]
