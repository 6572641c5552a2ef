"""The public side of participation: the overview, a planning process, a meeting, and the
statistics — in kk/ru/en, without an account, with no personal data."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aimaq.accounts.models import Organisation
from aimaq.core.activity import timeline
from aimaq.core.charts import Line, line_chart_svg
from aimaq.core.permissions import allowed_rows, can, roots_where
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.selectors import with_territories

from .. import plan_links
from ..choices import StageStatus
from ..models import BudgetCall, Consultation, Meeting, PlanningProcess, Proposal
from ..permissions import RUN, SEE_PEOPLE, VIEW
from ..selectors.process import (
    attendance_names,
    body_cards,
    donor_projects_with_processes,
    meeting_files,
    meeting_tally,
    public_processes,
    visible_meetings,
)
from ..selectors.statistics import Scope, participation_figures
from .common import visible_or_404


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    processes = list(public_processes(user)[:50])
    proposals = allowed_rows(user, VIEW, Proposal.objects.filter(status="published"))
    return render(
        request,
        "participation/home.html",
        {
            "processes": processes,
            "figures": participation_figures(user, Scope(), trend=False),
            "proposals": list(with_territories(proposals, "territory")[:5]),
            "calls": list(
                allowed_rows(user, VIEW, with_territories(BudgetCall.objects.all(), "territory"))[
                    :5
                ]
            ),
            "consultations": list(
                allowed_rows(user, VIEW, with_territories(Consultation.objects.all(), "territory"))[
                    :5
                ]
            ),
            "may_run": bool(roots_where(user, RUN)),
        },
    )


@require_GET
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = visible_or_404(
        request, PlanningProcess.objects.select_related("territory", "plan", "donor_project"), pk=pk
    )
    may_run = can(request.user, RUN, process)
    plan = (
        process.plan
        if process.plan and plan_links.may_see_plan(request.user, process.plan)
        else None
    )
    return render(
        request,
        "participation/process.html",
        {
            "process": process,
            "stages": list(process.stages.order_by("order")),
            "statuses": StageStatus.choices,
            "bodies": body_cards(request.user, process),
            "meetings": list(visible_meetings(request.user, process)),
            "figures": participation_figures(request.user, Scope(process_id=process.pk)),
            "plan": plan,
            "may_run": may_run,
            "history": timeline(process) if may_run else [],
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(
        request,
        Meeting.objects.select_related("process__territory", "process__plan", "body"),
        pk=pk,
    )
    user = request.user
    photos, sheets = meeting_files(user, meeting)
    may_see_people = can(user, SEE_PEOPLE, meeting)
    may_run = can(user, RUN, meeting)
    return render(
        request,
        "participation/meeting.html",
        {
            "meeting": meeting,
            "process": meeting.process,
            "tally": meeting_tally(meeting),
            "decisions": list(meeting.decisions.all()),
            "outputs": list(meeting.outputs.select_related("landed_version__plan")),
            "photos": photos,
            "sheets": sheets,
            "names": attendance_names(meeting) if may_see_people else [],
            "may_see_people": may_see_people,
            "may_run": may_run,
            "public": not may_see_people,
            "history": timeline(meeting) if may_run else [],
        },
    )


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Participation figures for a territory (and below), a process or a donor project."""
    territory = territory_or_404(request.GET["t"]) if request.GET.get("t") else None
    process = None
    if request.GET.get("process", "").isdigit():
        process = visible_or_404(
            request, PlanningProcess.objects.all(), pk=int(request.GET["process"])
        )
    project = None
    if request.GET.get("project", "").isdigit():
        project = Organisation.objects.filter(
            pk=int(request.GET["project"]), kind="donor_project"
        ).first()
        if project is None:
            raise Http404
    scope = Scope(
        kato=territory.kato if territory else None,
        process_id=process.pk if process else None,
        donor_project_id=project.pk if project else None,
    )
    figures = participation_figures(request.user, scope)
    chart = None
    if figures.trend:
        chart = line_chart_svg(
            [
                Line(
                    str(_("women, % of attendances")),
                    [
                        (f"{p.period:%Y}-{p.quarter}", p.women_share * 100)
                        for p in figures.trend
                        if p.women_share is not None
                    ],
                ),
                Line(
                    str(_("youth, % of attendances")),
                    [
                        (f"{p.period:%Y}-{p.quarter}", p.youth_share * 100)
                        for p in figures.trend
                        if p.youth_share is not None
                    ],
                ),
            ],
            title=str(_("Women and youth at meetings, by quarter")),
            y_label="%",
            decimals=0,
        )
    return render(
        request,
        "participation/statistics.html",
        {
            "figures": figures,
            "territory": territory,
            "process": process,
            "project": project,
            "projects": donor_projects_with_processes(),
            "chart": chart,
            "public": not request.user.is_authenticated,
        },
    )
