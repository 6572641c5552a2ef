"""The committee's pages: the member's workspace, conflict declarations, the score sheet
(others' scores hidden until one's own is submitted), the ranking with the selection and
the best use of the fund, and the decision with its composition check and protocol."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aimaq.core.exports import attachment
from aimaq.core.permissions import can
from aimaq.territories.selectors import with_territories

from ..exports import applications_csv
from ..forms import DecisionForm, ScoreForm
from ..jobs import protocol_jobs
from ..models import CommitteeMember, ScoreSheet, Status
from ..permissions import COMMITTEE, MANAGE, SIGN
from ..rules.scoring import outliers
from ..selectors.ranking import (
    differences,
    gate_outcomes,
    visible_applications,
    visible_ranking,
)
from ..services import committee as committee_services
from ..services.decision import compositions, draft_decision, latest_decision, sign_decision
from . import tables
from .applications import visible_application
from .public import visible_competition


def _committee_competition(request: HttpRequest, pk: int):
    competition = visible_competition(request, pk)
    if not can(request.user, COMMITTEE, competition):
        raise PermissionDenied
    return competition


def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's list: the submitted applications they may see, their own sheet's state."""
    competition = _committee_competition(request, pk)
    applications = list(
        visible_applications(competition, request.user).filter(status=Status.SUBMITTED)
    )
    seat = committee_services.seat_of(competition, request.user)
    sheets = {}
    if seat is not None:
        sheets = {s.application_id: s for s in ScoreSheet.objects.filter(member=seat)}
    rows = [(a, sheets.get(a.pk)) for a in applications]
    return render(
        request,
        "grants/committee.html",
        {"competition": competition, "rows": rows, "seat": seat},
    )


@require_POST
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    committee_services.declare_conflict(application, by=request.user)
    messages.success(
        request,
        _("Your conflict of interest on %(case)s is recorded: you will neither see nor score it.")
        % {"case": application.case_number},
    )
    return redirect("grants:committee", application.competition_id)


def score(request: HttpRequest, pk: int) -> HttpResponse:
    application = visible_application(request, pk)
    competition = application.competition
    criteria = committee_services.scored_criteria(competition)
    seat = committee_services.seat_of(competition, request.user)
    if seat is None or not seat.votes:
        raise PermissionDenied
    sheet = ScoreSheet.objects.filter(application=application, member=seat).first()
    initial: dict[str, Any] = {"comment": sheet.comment if sheet else ""}
    if sheet:
        for s in sheet.scores.all():
            initial[f"score_{s.criterion_id}"] = s.value
            initial[f"comment_{s.criterion_id}"] = s.comment
    form = ScoreForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            committee_services.save_sheet(
                application,
                form.values(),
                by=request.user,
                comments=form.comments(),
                comment=form.cleaned_data.get("comment") or "",
                submit="submit" in request.POST,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Scores saved."))
            return redirect("grants:score", pk)
    context = {"application": application, "competition": competition, "form": form, "sheet": sheet}
    if sheet is not None and sheet.submitted_at is not None:
        context.update(_others(application, criteria))
    return render(request, "grants/score.html", context)


def _others(application: Any, criteria: list) -> dict[str, Any]:
    """Every submitted sheet on the application, with outlying scores flagged (shown only
    to a member who has submitted their own)."""
    sheets = committee_services.submitted_sheets(application.competition).get(application.pk, {})
    rules = committee_services.criterion_rules(criteria)
    flagged = outliers(sheets, rules, application.competition.outlier_share)
    members = {
        m.pk: m for m in CommitteeMember.objects.filter(pk__in=sheets).select_related("user")
    }
    table = []
    for member_id, values in sheets.items():
        cells = [(values.get(c.code), (member_id, c.code) in flagged) for c in criteria]
        table.append((members[member_id], cells))
    means = []
    for c in criteria:
        given = [v[c.code] for v in sheets.values() if c.code in v]
        means.append(sum(given, Decimal(0)) / len(given) if given else None)
    return {"others": table, "criteria": criteria, "means": means, "outliers": len(flagged)}


def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee's table: ranked by score, the selection within the fund and the
    reserve list; the best use of the fund loads beside it (its own request)."""
    competition = _committee_competition(request, pk)
    result = visible_ranking(competition, request.user)
    return render(
        request,
        "grants/ranking.html",
        {
            "competition": competition,
            "ranking": result,
            "body": tables.ranking_body(result.rows),
            "reserve": tables.reserve_items(result.reserve, _("tenge")),
        },
    )


def best_use(request: HttpRequest, pk: int) -> HttpResponse:
    """The exact best use of the fund next to the ranking rule's selection, and the
    applications on which they differ (htmx loads it into the ranking page; without
    scripts it is a page of its own)."""
    competition = _committee_competition(request, pk)
    result = visible_ranking(competition, request.user, with_best_use=True)
    found = differences(result)
    groups = [
        (title, tables.difference_body(rows))
        for title, rows in (
            (_("Funded by the best use, not by the ranking rule"), found.best_only),
            (_("Funded by the ranking rule, not by the best use"), found.ranking_only),
            (_("Funded by both, with another amount"), found.changed),
        )
        if rows
    ]
    context = {
        "competition": competition,
        "ranking": result,
        "differences": found,
        "groups": groups,
    }
    if getattr(request, "htmx", False):
        return render(request, "grants/partials/best_use.html", context)
    return render(request, "grants/best_use.html", context)


def applications_export(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _committee_competition(request, pk)
    applications = list(
        visible_applications(competition, request.user).exclude(status=Status.DRAFT)
    )
    data = applications_csv(competition, applications, gate_outcomes(applications))
    return attachment(
        data,
        file_name=f"aimaq-grants-{pk}-applications.csv",
        content_type="text/csv; charset=utf-8",
    )


def decision(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _committee_competition(request, pk)
    current = latest_decision(competition)
    form = DecisionForm(request.POST or None, competition=competition)
    if request.method == "POST":
        if not can(request.user, COMMITTEE, competition):
            raise PermissionDenied
        if form.is_valid():
            try:
                draft_decision(
                    competition,
                    by=request.user,
                    present=list(form.cleaned_data["present"]),
                    meeting_on=form.cleaned_data["meeting_on"],
                    meeting_place=form.cleaned_data["meeting_place"],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The draft decision is ready; check the composition."))
                return redirect("grants:decision", pk)
    elif current is not None:
        form = DecisionForm(
            initial={
                "present": current.present.all(),
                "meeting_on": current.meeting_on,
                "meeting_place": current.meeting_place,
            },
            competition=competition,
        )
    checks = compositions(current) if current else []
    visible = set(visible_applications(competition, request.user).values_list("pk", flat=True))
    lines = []
    if current:
        lines = [
            line
            for line in with_territories(current.lines.all(), "application__territory")
            if line.application_id in visible
        ]
    context = {
        "competition": competition,
        "decision": current,
        "form": form,
        "lines": lines,
        "hidden": (current.lines.count() - len(lines)) if current else 0,
        "checks": [c for c in checks if c.line.application_id in visible],
        "problems": sum(1 for c in checks if not c.check.ok),
        "may_sign": current is not None
        and not current.is_signed
        and can(request.user, SIGN, competition),
        "may_manage": can(request.user, MANAGE, competition),
        "versions": competition.decisions.order_by("-version"),
        "protocol_job": protocol_jobs(current).first() if current and current.is_signed else None,
    }
    return render(request, "grants/decision.html", context)


@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    competition = _committee_competition(request, pk)
    current = latest_decision(competition)
    if current is None:
        raise PermissionDenied
    try:
        sign_decision(current, by=request.user, language=request.LANGUAGE_CODE)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The decision is signed; it can no longer change."))
    return redirect("grants:decision", pk)


@require_POST
def protocol(request: HttpRequest, pk: int) -> HttpResponse:
    """Starts drawing the protocol of the latest decision for the person asking (without
    the applications they may not see) and shows its progress; the PDF is the job's output."""
    from aimaq.core.jobs import enqueue_job

    from ..jobs import PROTOCOL

    competition = _committee_competition(request, pk)
    current = latest_decision(competition)
    if current is None:
        raise PermissionDenied
    language = request.POST.get("language") or request.LANGUAGE_CODE
    if language not in ("kk", "ru", "en"):
        language = request.LANGUAGE_CODE
    job = enqueue_job(
        PROTOCOL, by=request.user, params={"decision": current.pk, "language": language}
    )
    return redirect(job.progress_url)
