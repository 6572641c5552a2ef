"""The list of plans, a new plan, the plan in its official structure, the dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from aimaq.accounts.http import AuthenticatedRequest
from aimaq.core.activity import timeline
from aimaq.core.permissions import allowed_rows, can, holds, roots_where
from aimaq.core.submissions import sent_once
from aimaq.territories.lookups import territory_or_404
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from ..evidence import evidence_view
from ..forms import DocumentForm, PlanForm
from ..models import (
    MonitoringReport,
    Plan,
    PlanKind,
    PlanVersion,
    Recommendation,
    RecommendationStatus,
    ReportStatus,
    Section,
)
from ..permissions import CHANGE, REVIEW, VIEW
from ..selectors import plan_contents, visible_plans
from ..services import create_plan, next_steps, working_draft
from .common import plan_or_404, shown_version_for, version_or_404, version_url


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user).prefetch_related(
        Prefetch(
            "versions",
            queryset=allowed_rows(request.user, VIEW, PlanVersion.objects.order_by("number")),
        )
    )
    territory = None
    if request.GET.get("t"):
        territory = territory_or_404(request.GET["t"])
        plans = plans.filter(territory__in=Territory.objects.subtree(territory))
    kind = request.GET.get("kind", "")
    if kind in PlanKind.values:
        plans = plans.filter(kind=kind)
    page = Paginator(plans.order_by("territory__kato", "-start_year", "pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "plans/list.html",
        {
            "page": page,
            "territory": territory,
            "kind": kind,
            "kinds": PlanKind.choices,
            "may_create": bool(roots_where(request.user, CHANGE)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def plan_new(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = create_plan(
                territory=data["territory"],
                owner=data["owner"],
                kind=data["kind"],
                title={lang: data.get(f"name_{lang}", "") for lang in ("kk", "ru", "en")},
                start_year=data["start_year"],
                end_year=data["end_year"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("plans:edit", plan.pk, 1, Section.PASSPORT)
    return render(request, "plans/new.html", {"form": form})


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    return _plan_page(request, shown_version_for(request, plan))


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    return _plan_page(request, version_or_404(request, pk, number))


def _plan_page(request: HttpRequest, version: PlanVersion) -> HttpResponse:
    plan = version.plan
    contents = plan_contents(version)
    versions = allowed_rows(request.user, VIEW, plan.versions.order_by("number"))
    official = holds(request.user, VIEW, plan)
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "version": version,
            "contents": contents,
            "evidence": [(block, evidence_view(block)) for block in contents.evidence],
            "sections": Section.choices,
            "versions": versions,
            "may_edit": can(request.user, CHANGE, version),
            "may_run": can(request.user, CHANGE, plan),
            "draft": working_draft(plan) if can(request.user, CHANGE, plan) else None,
            "steps": next_steps(version, request.user),
            # Who did what is for officials; the public page names no person.
            "timeline": timeline(version) if official else [],
            "edit_url": version_url(version, "plans:edit", Section.PASSPORT),
            "document_form": DocumentForm(auto_id="document-%s"),
        },
    )


@login_required
@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """The owner's dashboard: plans one writes, drafts, reports to review, and the overdue
    recommendations of one's organisation."""
    user = request.user
    mine = allowed_rows(
        user, CHANGE, with_territories(Plan.objects.all(), "territory"), own_right=True
    )
    to_review = allowed_rows(
        user, REVIEW, MonitoringReport.objects.select_related("plan"), own_right=True
    ).filter(status=ReportStatus.SUBMITTED)
    today = timezone.localdate()
    open_recommendations = Recommendation.objects.exclude(status=RecommendationStatus.CLOSED)
    owned = open_recommendations.filter(owner__people=user) | allowed_rows(
        user, CHANGE, open_recommendations, own_right=True
    )
    owned = owned.distinct().select_related("evaluation__plan", "owner").order_by("deadline")
    return render(
        request,
        "plans/dashboard.html",
        {
            "plans": mine[:100],
            "to_review": to_review,
            "overdue": [r for r in owned if r.deadline < today],
            "due": [r for r in owned if r.deadline >= today],
            "today": today,
        },
    )
