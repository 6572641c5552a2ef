"""Grant competitions in JSON, under /api/grants/.

Published calls and published results are public (results without personal data; the
awards also as a 360Giving package). Applications need a person — a personal API token or
the signed-in session with its CSRF token — and answer exactly what the pages show that
person: a committee member who declared a conflict of interest on an application finds it
neither in the list nor by its number, and cannot score it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from aimaq.accounts.api_auth import PERSON
from aimaq.accounts.http import PersonApiRequest
from aimaq.core.api import Refusal, error_responses
from aimaq.territories.selectors import with_territories

from .exports import giving_package
from .models import Application, Status
from .selectors.public import competitions_for, published_results
from .selectors.ranking import gate_outcomes, visible_applications
from .services.committee import save_sheet, scored_criteria

# Reads of what only some people may see declare it in the OpenAPI document (the core test
# of public reads skips them and checks that they ask for a token or the session).
PERSONAL_READ = {"x-aimaq-personal": True}

router = Router(tags=["grants"])


class CriterionOut(Schema):
    code: str
    name: str
    kind: str
    weight: Decimal
    max_score: int


class CompetitionOut(Schema):
    id: int
    name: str
    organiser: str
    fund: int = Field(..., description="Tenge")
    min_budget: int
    max_budget: int
    own_share_min: Decimal = Field(..., description="% of the project budget, included")
    own_share_max: Decimal
    applicant_types: list[str]
    remainder_rule: str
    min_total: Decimal
    opens_at: datetime
    closes_at: datetime
    results_published: bool
    is_demo: bool


class CompetitionDetailOut(CompetitionOut):
    criteria: list[CriterionOut]
    eligible_territories: list[str] = Field(..., description="KATO codes; units below count too")


class ResultLineOut(Schema):
    rank: int | None
    case_number: str
    applicant_name: str
    business_name: str
    territory: str
    kato: str
    score: Decimal | None
    requested: int
    amount: int
    outcome: str


class ResultsOut(Schema):
    competition: int
    decision_version: int
    fund: int
    awarded: int
    selected: list[ResultLineOut]
    reserve: list[ResultLineOut]
    compliant: list[ResultLineOut]


class ApplicationOut(Schema):
    id: int
    case_number: str
    status: str
    business_name: str
    applicant_name: str
    territory: str
    total_cost: int
    requested: int
    own_share: Decimal | None
    gates: dict[str, bool | None]


class ScoresIn(Schema):
    scores: dict[str, Decimal] = Field(..., description="Criterion code → score")
    comment: str = ""
    submit: bool = Field(False, description="Hand the sheet in (every criterion scored)")


class SheetOut(Schema):
    application: int
    submitted: bool
    total: Decimal | None


def _competition(competition: Any) -> dict[str, Any]:
    return {
        "id": competition.pk,
        "name": competition.name,
        "organiser": competition.organiser_name,
        "fund": competition.fund,
        "min_budget": competition.min_budget,
        "max_budget": competition.max_budget,
        "own_share_min": competition.own_share_min,
        "own_share_max": competition.own_share_max,
        "applicant_types": competition.applicant_types,
        "remainder_rule": competition.remainder_rule,
        "min_total": competition.min_total,
        "opens_at": competition.opens_at,
        "closes_at": competition.closes_at,
        "results_published": competition.results_are_public,
        "is_demo": competition.is_demo,
    }


@router.get("/competitions", response=list[CompetitionOut], url_name="grants_competitions",
            summary="Grant competitions")  # fmt: skip
def competitions(request: HttpRequest) -> list[dict]:
    return [_competition(c) for c in competitions_for(request.user)]


@router.get(
    "/competitions/{pk}",
    response={200: CompetitionDetailOut, **error_responses(404, 422)},
    url_name="grants_competition",
    summary="One competition and its rules",
)
def competition(request: HttpRequest, pk: int) -> dict:
    found = get_object_or_404(competitions_for(request.user), pk=pk)
    return {
        **_competition(found),
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "kind": c.kind,
                "weight": c.weight,
                "max_score": c.max_score,
            }
            for c in found.criteria.all()
        ],
        "eligible_territories": [t.kato for t in found.eligible_territories.all()],
    }


def _line(line: Any) -> dict:
    return {
        "rank": line.rank,
        "case_number": line.case_number,
        "applicant_name": line.applicant_name,
        "business_name": line.business_name,
        "territory": line.territory,
        "kato": line.territory_kato,
        "score": line.score,
        "requested": line.requested,
        "amount": line.amount,
        "outcome": line.outcome,
    }


def _published(request: HttpRequest, pk: int) -> Any:
    found = get_object_or_404(competitions_for(request.user), pk=pk)
    results = published_results(found)
    if results is None:
        raise Refusal(404, _("The results of this competition are not published yet."))
    return results


@router.get(
    "/competitions/{pk}/results",
    response={200: ResultsOut, **error_responses(404, 422)},
    url_name="grants_results",
    summary="Published results (no personal data)",
)
def results(request: HttpRequest, pk: int) -> dict:
    found = _published(request, pk)
    return {
        "competition": pk,
        "decision_version": found.version,
        "fund": found.competition.fund,
        "awarded": found.awarded,
        "selected": [_line(x) for x in found.selected],
        "reserve": [_line(x) for x in found.reserve],
        "compliant": [_line(x) for x in found.compliant],
    }


@router.get(
    "/competitions/{pk}/360giving",
    response={200: dict[str, Any], **error_responses(404, 422)},
    url_name="grants_360giving",
    summary="Awards as a 360Giving data package",
)
def giving(request: HttpRequest, pk: int) -> dict:
    return giving_package(_published(request, pk), site=request.build_absolute_uri("/").rstrip("/"))


def _application(application: Application, gates: dict) -> dict:
    return {
        "id": application.pk,
        "case_number": application.case_number,
        "status": application.status,
        "business_name": application.business_name,
        "applicant_name": application.applicant_name,
        "territory": application.territory.kato,
        "total_cost": application.total_cost,
        "requested": application.requested,
        "own_share": application.own_share,
        "gates": gates.get(application.pk, {}),
    }


@router.get(
    "/competitions/{pk}/applications",
    response={200: list[ApplicationOut], **error_responses(401, 404, 422)},
    url_name="grants_applications",
    summary="Applications the person may see",
    auth=PERSON,
    openapi_extra=PERSONAL_READ,
)
def applications(request: PersonApiRequest, pk: int) -> list[dict]:
    found = get_object_or_404(competitions_for(request.auth), pk=pk)
    rows = list(visible_applications(found, request.auth).exclude(status=Status.DRAFT))
    gates = gate_outcomes(rows)
    return [_application(a, gates) for a in rows]


def _visible(request: PersonApiRequest, pk: int) -> Application:
    from aimaq.core.permissions import allowed_rows

    from .permissions import VIEW_APPLICATION

    queryset = with_territories(Application.objects.all(), "territory").select_related(
        "competition"
    )
    return get_object_or_404(allowed_rows(request.auth, VIEW_APPLICATION, queryset), pk=pk)


@router.get(
    "/applications/{pk}",
    response={200: ApplicationOut, **error_responses(401, 404, 422)},
    url_name="grants_application",
    summary="One application",
    auth=PERSON,
    openapi_extra=PERSONAL_READ,
)
def application(request: PersonApiRequest, pk: int) -> dict:
    found = _visible(request, pk)
    return _application(found, gate_outcomes([found]))


@router.post(
    "/applications/{pk}/scores",
    response={200: SheetOut, **error_responses(401, 403, 404, 422)},
    url_name="grants_scores",
    summary="Score an application (a committee member's own sheet)",
    auth=PERSON,
)
def scores(request: PersonApiRequest, pk: int, payload: ScoresIn) -> dict:
    found = _visible(request, pk)
    criteria = {c.code: c for c in scored_criteria(found.competition)}
    unknown = [code for code in payload.scores if code not in criteria]
    if unknown:
        raise Refusal(
            422,
            _("Unknown criteria."),
            [{"row": None, "column": f"scores.{code}", "value": code,
              "expected": ", ".join(criteria), "message": _("No criterion “%(code)s”.") % {"code": code}}
             for code in unknown],
        )  # fmt: skip
    try:
        sheet = save_sheet(
            found,
            {criteria[code].pk: value for code, value in payload.scores.items()},
            by=request.auth,
            comment=payload.comment,
            submit=payload.submit,
        )
    except ValidationError as error:
        raise Refusal(422, " ".join(error.messages)) from None
    return {
        "application": found.pk,
        "submitted": sheet.submitted_at is not None,
        "total": sheet.total,
    }
