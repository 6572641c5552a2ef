"""Participation in JSON, under /api/participation/: published planning processes, the
participation figures (aggregates only: small groups hidden from anonymous readers, as on
the pages), published proposals (never their authors), announced budget calls with their
projects, the anonymised ballot list anyone can recount and the ballots by channel and day
(totals only, small counts hidden).

Personal data — who came to a meeting — is one endpoint, marked `x-aimaq-personal`: it
takes a personal API token or the signed-in session, and answers only those who may see the
meeting's people (the same right as the page)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from aimaq.accounts.api_auth import PERSON
from aimaq.accounts.http import PersonApiRequest
from aimaq.core.api import error_responses
from aimaq.core.permissions import allowed_rows, can

from .choices import ProposalStatus
from .models import BudgetCall, Meeting, PlanningProcess, Proposal
from .permissions import SEE_PEOPLE, VIEW
from .selectors import budget as budget_selectors
from .selectors.budget import ballot_list
from .selectors.process import attendance_names
from .selectors.statistics import Scope, participation_figures, public_figure

PERSONAL_READ = {"x-aimaq-personal": True}

router = Router(tags=["participation"])


class ProcessOut(Schema):
    id: int
    name: str
    kato: str = Field(..., description="KATO code of the territory")
    territory: str
    is_demo: bool


class TrendOut(Schema):
    quarter: str = Field(..., description="YYYY-Q")
    meetings: int
    attendances: int
    women_share: float | None
    youth_share: float | None


class FiguresOut(Schema):
    meetings: int
    people: int | None = Field(..., description="Distinct people reached; null when fewer "
                               "than 5 in an anonymous answer")  # fmt: skip
    women: int | None
    youth: int | None
    vulnerable: int | None
    attendances: int
    counted_attendances: int = Field(..., description="Counted on paper sheets, beside")
    women_share: float | None
    youth_share: float | None
    vulnerable_share: float | None
    trend: list[TrendOut]


class ProposalOut(Schema):
    id: int
    title: str
    text: str
    kind: str
    category: str
    kato: str
    latitude: float | None
    longitude: float | None
    created_on: date


class ProjectOut(Schema):
    number: int
    title: str
    status: str
    cost: int = Field(..., description="Tenge: the reviewed cost, else the author's")


class CallOut(Schema):
    id: int
    name: str
    kato: str
    envelope: int = Field(..., description="Tenge")
    rule: str
    max_choices: int
    voting_from: date
    voting_to: date
    results_published: bool
    is_demo: bool
    projects: list[ProjectOut]


class BallotOut(Schema):
    receipt: str
    projects: list[int] = Field(..., description="Numbers of the projects chosen")


class ChannelTotalOut(Schema):
    channel: str
    ballots: int | None = Field(..., description="null when fewer than 5")


class DayTotalOut(Schema):
    day: date
    ballots: int | None = Field(..., description="null when fewer than 5")


class BallotTotalsOut(Schema):
    ballots: int
    by_channel: list[ChannelTotalOut]
    by_day: list[DayTotalOut]


class AttendeeOut(Schema):
    name: str
    sex: str
    age_group: str


@router.get("/processes", response=list[ProcessOut], url_name="participation_processes")
def processes(request: HttpRequest) -> list[dict]:
    """Planning processes the reader may see (published ones for everyone)."""
    rows = allowed_rows(request.user, VIEW, PlanningProcess.objects.select_related("territory"))
    return [
        {
            "id": p.pk,
            "name": p.name,
            "kato": p.territory.kato,
            "territory": p.territory.name,
            "is_demo": p.is_demo,
        }
        for p in rows.order_by("territory__kato", "pk")
    ]


@router.get(
    "/statistics",
    response={200: FiguresOut, **error_responses(404, 422)},
    url_name="participation_statistics",
)
def statistics(
    request: HttpRequest, kato: str | None = None, process: int | None = None
) -> dict[str, Any]:
    """Meetings held, distinct people reached and the shares of women, youth and vulnerable
    groups, with the trend by quarter, over the held meetings the reader may see."""
    if kato is not None and not (kato.isdigit() and len(kato) == 9):
        raise Http404
    if process is not None:
        get_object_or_404(
            allowed_rows(request.user, VIEW, PlanningProcess.objects.all()), pk=process
        )
    figures = participation_figures(request.user, Scope(kato=kato, process_id=process))
    public = not request.user.is_authenticated

    def shown(value: int) -> int | None:
        return public_figure(value, public=public)

    return {
        "meetings": figures.meetings,
        "people": shown(figures.people),
        "women": shown(figures.women),
        "youth": shown(figures.youth),
        "vulnerable": shown(figures.vulnerable),
        "attendances": figures.attendances,
        "counted_attendances": figures.counted_attendances,
        "women_share": figures.women_share,
        "youth_share": figures.youth_share,
        "vulnerable_share": figures.vulnerable_share,
        "trend": [
            {
                "quarter": f"{p.period:%Y}-{p.quarter}",
                "meetings": p.meetings,
                "attendances": p.attendances,
                "women_share": p.women_share,
                "youth_share": p.youth_share,
            }
            for p in figures.trend
        ],
    }


@router.get("/proposals", response=list[ProposalOut], url_name="participation_proposals")
def proposals(request: HttpRequest) -> list[dict]:
    """Published proposals as moderated for the public (no author, no contact)."""
    rows = allowed_rows(
        request.user,
        VIEW,
        Proposal.objects.filter(status=ProposalStatus.PUBLISHED).select_related("territory"),
    )
    return [
        {
            "id": p.pk,
            "title": p.public_title or p.title,
            "text": p.public_text or p.text,
            "kind": p.kind,
            "category": p.category,
            "kato": p.territory.kato,
            "latitude": float(p.latitude) if p.latitude is not None else None,
            "longitude": float(p.longitude) if p.longitude is not None else None,
            "created_on": p.created_at.date(),
        }
        for p in rows.order_by("-created_at", "pk")[:500]
    ]


def _call(request: HttpRequest, pk: int) -> BudgetCall:
    return get_object_or_404(
        allowed_rows(request.user, VIEW, BudgetCall.objects.select_related("territory")), pk=pk
    )


def _call_out(user: Any, call: BudgetCall) -> dict[str, Any]:
    return {
        "id": call.pk,
        "name": call.name,
        "kato": call.territory.kato,
        "envelope": call.envelope,
        "rule": call.rule,
        "max_choices": call.max_choices,
        "voting_from": call.voting_from,
        "voting_to": call.voting_to,
        "results_published": call.results_published_at is not None,
        "is_demo": call.is_demo,
        "projects": [
            {
                "number": project.number,
                "title": project.title,
                "status": project.status,
                "cost": project.ballot_cost,
            }
            for project in allowed_rows(user, VIEW, call.projects.all()).order_by("number")
        ],
    }


@router.get("/calls", response=list[CallOut], url_name="participation_calls")
def calls(request: HttpRequest) -> list[dict]:
    """Announced participatory-budget calls and their public projects."""
    rows = allowed_rows(request.user, VIEW, BudgetCall.objects.select_related("territory"))
    return [_call_out(request.user, call) for call in rows.order_by("-voting_from", "pk")]


@router.get(
    "/calls/{pk}",
    response={200: CallOut, **error_responses(404, 422)},
    url_name="participation_call",
)
def call(request: HttpRequest, pk: int) -> dict:
    return _call_out(request.user, _call(request, pk))


@router.get(
    "/calls/{pk}/ballots",
    response={200: list[BallotOut], **error_responses(404, 422)},
    url_name="participation_ballots",
)
def ballots(request: HttpRequest, pk: int) -> list[dict]:
    """Every ballot cast, anonymised (receipt code → project numbers), ordered by receipt:
    anyone can recount, a voter finds their own ballot. Nothing links it to a person — not
    even its channel or day, which are published only as totals (`/ballots/totals`)."""
    return [
        {"receipt": row.receipt, "projects": list(row.numbers)}
        for row in ballot_list(_call(request, pk))
    ]


@router.get(
    "/calls/{pk}/ballots/totals",
    response={200: BallotTotalsOut, **error_responses(404, 422)},
    url_name="participation_ballot_totals",
)
def ballot_totals(request: HttpRequest, pk: int) -> dict[str, Any]:
    """How many ballots came by each channel and on each day; a count below 5 is null."""
    totals = budget_selectors.ballot_totals(_call(request, pk))
    return {
        "ballots": totals.ballots,
        "by_channel": [{"channel": key, "ballots": n} for key, _label, n in totals.by_channel],
        "by_day": [{"day": day, "ballots": n} for day, n in totals.by_day],
    }


@router.get(
    "/meetings/{pk}/attendance",
    response={200: list[AttendeeOut], **error_responses(401, 404, 422)},
    url_name="participation_attendance",
    openapi_extra=PERSONAL_READ,
    auth=PERSON,
)
def attendance(request: PersonApiRequest, pk: int) -> list[dict]:
    """Personal data: who came to the meeting, by name. Only for those who may see the
    meeting's people (its body's seats, editors over its territory); anyone else gets 404."""
    meeting = get_object_or_404(Meeting.objects.select_related("process"), pk=pk)
    if not can(request.user, SEE_PEOPLE, meeting):
        raise Http404
    return [
        {"name": row.participant.full_name, "sex": row.sex, "age_group": row.age_group}
        for row in attendance_names(meeting)
    ]
