"""Participatory-budget pages: the calls, a call with its projects and their public expert
review, proposing a project, the results by the published rule, the public list of
anonymised ballots (for recounting; CSV too), and the officials' steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.core.activity import timeline
from aimaq.core.exports import csv_response
from aimaq.core.permissions import allowed_rows, can, roots_where
from aimaq.core.submissions import sent_once
from aimaq.territories.selectors import with_territories

from .. import plan_links
from ..choices import CallPhase, ProjectStatus
from ..forms.budget import CallForm, ProjectForm, ReviewForm
from ..models import Ballot, BudgetCall, BudgetProject, VoterRecord
from ..permissions import ENTER_BALLOTS, MANAGE_CALLS, VIEW
from ..rules import DID_NOT_FIT, NO_VOTES, STOPPED
from ..selectors.budget import ballot_list, ballot_totals, turnout
from ..selectors.statistics import SMALL_CELL
from ..services import budget as services
from ..services.voting import parse_receipt
from .common import form_error, participant_of, visible_or_404

REASONS = {
    NO_VOTES: gettext_lazy("no votes"),
    DID_NOT_FIT: gettext_lazy("did not fit in what was left"),
    STOPPED: gettext_lazy("not reached: the rule stops at the first that does not fit"),
}


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    calls = allowed_rows(
        request.user, VIEW, with_territories(BudgetCall.objects.all(), "territory")
    )
    return render(
        request,
        "participation/calls.html",
        {
            "calls": [(c, CallPhase(services.phase_of(c)).label) for c in calls],
            "may_create": bool(roots_where(request.user, MANAGE_CALLS)),
        },
    )


def _plans_for(user):
    from aimaq.territories.models import Territory

    territories = Territory.objects.none()
    for root in roots_where(user, MANAGE_CALLS):
        territories = territories | Territory.objects.subtree(root)
    return plan_links.Plan.objects.filter(territory__in=territories).order_by(
        "territory__kato", "-start_year"
    )


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def call_new(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None, user=request.user, plans=_plans_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        territory = data.pop("territory")
        name = {lang: data.pop(f"name_{lang}") for lang in ("kk", "ru", "en")}
        description = {lang: data.pop(f"description_{lang}") for lang in ("kk", "ru", "en")}
        try:
            call = services.create_call(
                territory=territory, name=name, description=description, by=request.user, **data
            )
            services.publish_call(call, by=request.user)
        except ValidationError as error:
            form_error(form, error)
        else:
            return redirect("participation:call", call.pk)
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Announce a participatory-budget call"),
            "submit": _("Announce"),
        },
    )


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = visible_or_404(request, BudgetCall.objects.select_related("territory", "plan"), pk=pk)
    user = request.user
    phase = services.phase_of(call)
    projects = allowed_rows(user, VIEW, call.projects.select_related("author")).order_by("number")
    may_manage = can(user, MANAGE_CALLS, call)
    mine = participant_of(request)
    return render(
        request,
        "participation/call.html",
        {
            "call": call,
            "phase": phase,
            "phases": CallPhase,
            "projects": list(projects),
            "feasible": ProjectStatus.FEASIBLE,
            "may_manage": may_manage,
            "may_enter_ballots": can(user, ENTER_BALLOTS, call),
            "may_propose": phase == CallPhase.PROPOSALS,
            "has_voted": bool(
                mine and VoterRecord.objects.filter(call=call, user=mine.user_id).exists()
            ),
            "voting_open": phase == CallPhase.VOTING,
            "ballots": call.ballots.count()
            if phase not in (CallPhase.ANNOUNCED, CallPhase.PROPOSALS)
            else 0,
            "history": timeline(call) if may_manage else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def project_new(request: HttpRequest, pk: int) -> HttpResponse:
    call = visible_or_404(request, BudgetCall.objects.select_related("territory"), pk=pk)
    author = participant_of(request)
    if author is None:
        messages.info(request, _("Sign in with your e-mail or phone to propose a project."))
        return redirect(f"{reverse('participation:sign_in')}?next={request.path}")
    problems = services.may_propose(call, author, timezone.localdate())
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.submit_project(
                call,
                author=author,
                title=data["title"],
                description=data["description"],
                author_cost=data["author_cost"],
                place=data["place"],
                by=request.user,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Your project is submitted; the expert council reviews it publicly.")
            )
            return redirect(
                reverse("participation:call", args=[call.pk]) + f"#project-{project.number}"
            )
    return render(
        request,
        "participation/project_new.html",
        {"form": form, "call": call, "problems": problems},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_review(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    project = get_object_or_404(
        BudgetProject.objects.select_related("call"), call_id=pk, number=number
    )
    if not can(request.user, MANAGE_CALLS, project.call):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    form = ReviewForm(
        request.POST or None,
        initial={
            "feasible": "yes"
            if project.status == ProjectStatus.FEASIBLE
            else ("no" if project.status == ProjectStatus.REFUSED else None),
            "cost": project.reviewed_cost,
            "reasons": project.review_reasons,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_project(
                project,
                feasible=data["feasible"] == "yes",
                cost=data.get("cost"),
                reasons=data["reasons"],
                by=request.user,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            return redirect(reverse("participation:call", args=[pk]) + f"#project-{number}")
    return render(
        request,
        "participation/form_page.html",
        {
            "form": form,
            "title": _("Expert review of project %(number)s") % {"number": number},
            "intro": f"{project.title} — {project.description}",
            "submit": _("Publish the review"),
            "call": project.call,
        },
    )


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    call = visible_or_404(request, BudgetCall.objects.select_related("territory", "plan"), pk=pk)
    may_manage = can(request.user, MANAGE_CALLS, call)
    published = call.results_published_at is not None
    if not published and not may_manage:
        return render(request, "participation/results.html", {"call": call, "published": False})
    outcome = services.compute_results(call)
    return render(
        request,
        "participation/results.html",
        {
            "call": call,
            "published": published,
            "results": outcome,
            "reasons": REASONS,
            "turnout": turnout(call, public=not may_manage),
            "may_manage": may_manage,
            "may_publish": may_manage
            and not published
            and services.phase_of(call) == CallPhase.COUNTING,
            "plan": call.plan,
        },
    )


@login_required
@require_POST
def results_publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(BudgetCall, pk=pk)
    try:
        services.publish_results(call, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("participation:results", pk)


@login_required
@require_POST
def winners(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(BudgetCall.objects.select_related("plan", "territory"), pk=pk)
    try:
        made = services.winners_to_plan(call, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)s winning projects are now actions of the plan.") % {"count": len(made)},
        )
    return redirect("participation:results", pk)


@require_http_methods(["GET", "POST"])
def ballots(request: HttpRequest, pk: int) -> HttpResponse:
    """Every ballot cast, anonymised: its receipt code and the projects chosen — anyone can
    recount — with the ballots by channel and by day as totals only. A voter finds their own
    ballot by posting the receipt: never in a URL, where access logs and browser history
    would tie it to them."""
    call = visible_or_404(request, BudgetCall.objects.all(), pk=pk)
    receipt = parse_receipt(request.POST.get("receipt", "")) if request.method == "POST" else ""
    found = None
    if receipt:
        found = Ballot.objects.filter(call=call, receipt=receipt).first()
    rows = ballot_list(call)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    response = render(
        request,
        "participation/ballots.html",
        {
            "call": call,
            "page": page,
            "totals": ballot_totals(call),
            "small_cell": SMALL_CELL,
            "receipt": receipt,
            "found": found,
            "searched": bool(receipt),
            "found_choices": ballot_list(call, only=found) if found else [],
        },
    )
    if receipt:
        add_never_cache_headers(response)
    return response


@require_GET
def ballots_csv(request: HttpRequest, pk: int) -> HttpResponse:
    call = visible_or_404(request, BudgetCall.objects.all(), pk=pk)
    header = [
        [_("Anonymised ballots of the call"), call.name],
        [_("Territory"), call.territory.name],
        [_("Rule"), str(call.get_rule_display())],
        [_("Source"), "Aimaq"],
        [_("Date"), timezone.localdate().isoformat()],
    ]
    if call.is_demo:
        header.append([_("Demo data"), _("yes")])
    rows = [[_("receipt code"), _("projects chosen (numbers)")]]
    rows += [[b.receipt, " ".join(map(str, b.numbers))] for b in ballot_list(call)]
    return csv_response(header + [[]] + rows, file_name=f"ballots-call-{call.pk}.csv")
