"""Plans in JSON, under /api/plans/. Reads are public for published plans (officials see
their drafts too); writes act for a person (token or session with CSRF) through the same
services and the same permission check as the pages — so an approved version refuses a
change here exactly as it does on the page and in the admin."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from aimaq.accounts.api_auth import PERSON
from aimaq.accounts.http import PersonApiRequest
from aimaq.core.api import Refusal, error_responses
from aimaq.core.i18n import CONTENT_LANGUAGES, active_language
from aimaq.core.permissions import allowed_rows

from .models import Action, FundingSource, Plan, PlanVersion
from .permissions import VIEW
from .scorecard import plan_scorecard
from .selectors import plan_contents, visible_plans
from .services import add_action, set_costs
from .services.common import shown_version
from .services.content import save_element

router = Router(tags=["plans"])


class Texts(Schema):
    kk: str = ""
    ru: str = ""
    en: str = ""


class PlanSummaryOut(Schema):
    id: int
    title: Texts
    kind: str
    territory: str = Field(..., description="KATO code")
    start_year: int
    end_year: int
    status: str = Field(..., description="Status of the version shown")


class TargetOut(Schema):
    period: str
    value: Decimal


class IndicatorOut(Schema):
    uid: str
    code: str
    name: str
    measures: str = Field("", description="'outcome 1.1' or 'output 1.1.1'; empty if orphaned")
    evidence_indicator: str | None = None
    unit: str
    unit_kind: str
    direction: str
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    frequency: str
    rule: str
    tolerance: int
    targets: list[TargetOut]


class CostOut(Schema):
    year: int
    source: str
    amount: int = Field(..., description="Whole tenge")


class ActionOut(Schema):
    uid: str
    code: str
    name: str
    output: str | None = None
    goals: list[str]
    responsible: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    status: str
    percent_done: int
    budget_code: str = ""
    costs: list[CostOut]


class ChainNodeOut(Schema):
    uid: str
    code: str
    name: str
    children: list[ChainNodeOut] = []


class GoalOut(Schema):
    uid: str
    code: str
    name: str
    focus_area: str
    aligned_to: str | None = Field(None, description="uid of the goal of another plan it serves")
    outcomes: list[ChainNodeOut]


class SwotOut(Schema):
    focus_area: str
    quadrant: str
    text: str


class ProblemOut(Schema):
    uid: str
    role: str
    core: str | None = None
    text: str
    evidence_indicator: str | None = None
    evidence_note: str = ""


class EnvelopeOut(Schema):
    year: int
    source: str
    amount: int


class PlanOut(Schema):
    id: int
    version: int
    status: str
    title: Texts
    kind: str
    territory: str
    owner: str
    start_year: int
    end_year: int
    approval: dict[str, str] | None = None
    is_demo: bool
    sections: dict[str, Texts]
    swot: list[SwotOut]
    problems: list[ProblemOut]
    goals: list[GoalOut]
    indicators: list[IndicatorOut]
    actions: list[ActionOut]
    envelopes: list[EnvelopeOut]
    total_tenge: int


class ScoreOut(Schema):
    indicator: str
    name: str
    verdict: str
    percent_met: Decimal | None
    at: date | None
    actual: Decimal | None
    expected: Decimal | None


class ScorecardOut(Schema):
    plan: int
    version: int | None
    as_of: date
    on_track: int
    total: int
    indicators: list[ScoreOut]


def _texts(obj: Any, field: str) -> dict[str, str]:
    return {language: getattr(obj, f"{field}_{language}", "") for language in CONTENT_LANGUAGES}


def _plan_or_404(request: HttpRequest, pk: int) -> Plan:
    plan = visible_plans(request.user).filter(pk=pk).first()
    if plan is None:
        raise Http404(_("No plan you may see has this number."))
    return plan


def _version_or_404(request: HttpRequest, plan: Plan, number: int | None) -> PlanVersion:
    versions = allowed_rows(request.user, VIEW, plan.versions.all())
    version: PlanVersion | None
    if number is None:
        shown = shown_version(plan)
        if versions.filter(pk=shown.pk).exists():
            return shown
        version = versions.order_by("-number").first()
    else:
        version = versions.filter(number=number).first()
    if version is None:
        raise Http404(_("No version you may see has this number."))
    return version


@router.get("/", response=list[PlanSummaryOut], url_name="plan_list_json", summary="List plans")
def list_plans(request: HttpRequest) -> list[dict]:
    found = []
    for plan in visible_plans(request.user).prefetch_related("versions")[:500]:
        versions = [v for v in plan.versions.all() if v.is_public] or list(plan.versions.all())
        found.append(
            {
                "id": plan.pk,
                "title": _texts(plan, "name"),
                "kind": plan.kind,
                "territory": plan.territory.kato,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "status": versions[-1].status if versions else "",
            }
        )
    return found


@router.get(
    "/{pk}",
    response={200: PlanOut, **error_responses(404, 422)},
    url_name="plan_json",
    summary="A whole plan",
    description="The version in force (or `v`): the five sections, SWOT, problems, the results "
    "chain with indicators and targets, actions with their costs per year and source in whole "
    "tenge, and the funding envelopes. Names no person.",
)
def plan_json(request: HttpRequest, pk: int, v: int | None = None) -> dict:
    plan = _plan_or_404(request, pk)
    version = _version_or_404(request, plan, v)
    return plan_data(version)


def plan_data(version: PlanVersion) -> dict[str, Any]:
    contents = plan_contents(version)
    plan = version.plan
    sources = {source.pk: source.code for source in FundingSource.objects.all()}
    costs: dict[int, list[dict]] = {}
    from .models import ActionCost, FundingEnvelope

    for action_id, year, source_id, amount in ActionCost.objects.filter(
        version=version
    ).values_list("action_id", "year", "source_id", "amount"):
        costs.setdefault(action_id, []).append(
            {"year": year, "source": sources[source_id], "amount": amount}
        )
    approval = None
    if version.decision_number:
        approval = {
            "body": version.approving_body.name if version.approving_body else "",
            "decision": version.decision_number,
            "date": version.decision_date.isoformat() if version.decision_date else "",
        }
    return {
        "id": plan.pk,
        "version": version.number,
        "status": version.status,
        "title": _texts(plan, "name"),
        "kind": plan.kind,
        "territory": plan.territory.kato,
        "owner": plan.owner.name,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "approval": approval,
        "is_demo": plan.is_demo,
        "sections": {key: _texts(row, "text") for key, row in contents.texts.items()},
        "swot": [
            {"focus_area": area, "quadrant": quadrant, "text": item.text}
            for area, _label, quadrants in contents.swot
            for quadrant, _qlabel, items in quadrants
            for item in items
        ],
        "problems": [
            {
                "uid": str(p.uid),
                "role": p.role,
                "core": str(branch.core.uid) if p is not branch.core else None,
                "text": p.text,
                "evidence_indicator": p.evidence_indicator.code if p.evidence_indicator else None,
                "evidence_note": p.evidence_note,
            }
            for branch in contents.problems
            for p in [branch.core, *branch.causes, *branch.effects]
        ],
        "goals": [
            {
                "uid": str(node.goal.uid),
                "code": node.goal.code,
                "name": node.goal.name,
                "focus_area": node.goal.focus_area,
                "aligned_to": str(node.goal.aligned_to.uid) if node.goal.aligned_to else None,
                "outcomes": [
                    {
                        "uid": str(o.outcome.uid),
                        "code": o.outcome.code,
                        "name": o.outcome.name,
                        "children": [
                            {
                                "uid": str(out.output.uid),
                                "code": out.output.code,
                                "name": out.output.name,
                                "children": [],
                            }
                            for out in o.outputs
                        ],
                    }
                    for o in node.outcomes
                ],
            }
            for node in contents.goals
        ],
        "indicators": [_indicator(row) for row in contents.indicators],
        "actions": [
            {
                "uid": str(row.action.uid),
                "code": row.action.code,
                "name": row.action.name,
                "output": row.action.output.code if row.action.output else None,
                "goals": row.goal_codes,
                "responsible": row.action.responsible.name if row.action.responsible else None,
                "starts_on": row.action.starts_on,
                "ends_on": row.action.ends_on,
                "status": row.action.status,
                "percent_done": row.action.percent_done,
                "budget_code": row.action.budget_code,
                "costs": costs.get(row.action.pk, []),
            }
            for row in contents.actions
        ],
        "envelopes": [
            {"year": year, "source": sources[source_id], "amount": amount}
            for year, source_id, amount in FundingEnvelope.objects.filter(
                version=version
            ).values_list("year", "source_id", "amount")
        ],
        "total_tenge": contents.budget.total,
    }


def _indicator(row: Any) -> dict[str, Any]:
    i = row.indicator
    measures = ""
    if i.outcome_id:
        measures = f"outcome {i.outcome.code}"
    elif i.output_id:
        measures = f"output {i.output.code}"
    return {
        "uid": str(i.uid),
        "code": i.code,
        "name": i.name,
        "measures": measures,
        "evidence_indicator": i.indicator.code if i.indicator_id else None,
        "unit": i.unit,
        "unit_kind": i.unit_kind,
        "direction": i.direction,
        "baseline": i.baseline_value,
        "baseline_year": i.baseline_year,
        "target": i.target_value,
        "frequency": i.frequency,
        "rule": i.rule,
        "tolerance": i.tolerance,
        "targets": [
            {"period": period, "value": value} for period, value in sorted(row.targets.items())
        ],
    }


@router.get(
    "/{pk}/scorecard",
    response={200: ScorecardOut, **error_responses(404)},
    url_name="plan_scorecard_json",
    summary="The scorecard of a plan",
)
def scorecard_json(request: HttpRequest, pk: int) -> dict:
    card = plan_scorecard(_plan_or_404(request, pk))
    return {
        "plan": pk,
        "version": card.version.number if card.version else None,
        "as_of": card.as_of,
        "on_track": card.on_track,
        "total": card.total,
        "indicators": [
            {
                "indicator": c.indicator.code,
                "name": c.indicator.name,
                "verdict": c.verdict,
                "percent_met": c.percent,
                "at": c.at,
                "actual": c.actual,
                "expected": c.expected,
            }
            for c in card.cards
        ],
    }


class CostIn(Schema):
    year: int
    source: str = Field(..., description="Funding source code")
    amount: int = Field(..., ge=0, description="Whole tenge")


class ActionIn(Schema):
    name: str
    responsible: int | None = Field(None, description="Organisation id")
    starts_on: date | None = None
    ends_on: date | None = None
    costs: list[CostIn] = []


class ActionPatch(Schema):
    name: str | None = None
    costs: list[CostIn] | None = None


def _costs(costs: list[CostIn]) -> dict:
    sources = {
        source.code: source
        for source in FundingSource.objects.filter(code__in=[c.source for c in costs])
    }
    errors = [
        {
            "row": index,
            "column": "source",
            "value": cost.source,
            "expected": _("a funding source code"),
            "message": _("Row %(row)s: unknown funding source “%(code)s”.")
            % {"row": index, "code": cost.source},
        }
        for index, cost in enumerate(costs, start=1)
        if cost.source not in sources
    ]
    if errors:
        raise Refusal(422, _("The request is not valid."), errors)
    return {(cost.year, sources[cost.source]): cost.amount for cost in costs}


def _writable_version(request: HttpRequest, pk: int, number: int) -> PlanVersion:
    return _version_or_404(request, _plan_or_404(request, pk), number)


def _refuse(error: ValidationError) -> Refusal:
    return Refusal(422, " ".join(error.messages))


@router.post(
    "/{pk}/versions/{number}/actions",
    response={201: ActionOut, **error_responses(401, 403, 404, 422)},
    auth=PERSON,
    url_name="plan_add_action",
    summary="Add an action to a draft",
)
def add_action_json(request: PersonApiRequest, pk: int, number: int, payload: ActionIn):
    version = _writable_version(request, pk, number)
    from aimaq.accounts.models import Organisation

    responsible = None
    if payload.responsible is not None:
        responsible = Organisation.objects.filter(pk=payload.responsible).first()
        if responsible is None:
            raise Refusal(
                422,
                _("“responsible”: no organisation has the id %(id)s.")
                % {"id": payload.responsible},
            )
    try:
        action = add_action(
            version,
            name=payload.name,
            responsible=responsible,
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            costs=_costs(payload.costs),
            by=request.auth,
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        raise _refuse(error) from None
    return Status(201, _action(action))


@router.patch(
    "/{pk}/versions/{number}/actions/{uid}",
    response={200: ActionOut, **error_responses(401, 403, 404, 422)},
    auth=PERSON,
    url_name="plan_change_action",
    summary="Change an action of a draft",
    description="Refused (403) once the version is approved: an amendment makes a new draft.",
)
def change_action_json(
    request: PersonApiRequest, pk: int, number: int, uid: str, payload: ActionPatch
):
    version = _writable_version(request, pk, number)
    action = Action.objects.filter(version=version, uid=uid).first() if _is_uuid(uid) else None
    if action is None:
        raise Http404(_("No such action."))
    try:
        with transaction.atomic():  # the name and the costs together, or neither
            if payload.name is not None:
                setattr(action, f"name_{active_language()}", payload.name)
                save_element(action, by=request.auth)
            if payload.costs is not None:
                set_costs(action, _costs(payload.costs), by=request.auth)
    except ValidationError as error:
        raise _refuse(error) from None
    return Status(200, _action(action))


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _action(action: Action) -> dict:
    return {
        "uid": str(action.uid),
        "code": action.code,
        "name": action.name,
        "output": action.output.code if action.output is not None else None,
        "goals": [goal.code for goal in action.goals.all()],
        "responsible": action.responsible.name if action.responsible is not None else None,
        "starts_on": action.starts_on,
        "ends_on": action.ends_on,
        "status": action.status,
        "percent_done": action.percent_done,
        "budget_code": action.budget_code,
        "costs": [
            {"year": cost.year, "source": cost.source.code, "amount": cost.amount}
            for cost in action.costs.select_related("source")
        ],
    }
