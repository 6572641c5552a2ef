"""The scorecard, monitoring reports (start, fill, submit, review), evaluations with their
recommendations, and progress rolled up the territory tree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.core.activity import timeline
from aimaq.core.permissions import allowed_rows, can, holds
from aimaq.core.submissions import sent_once
from aimaq.territories.lookups import territory_or_404

from ..forms_monitoring import (
    EvaluationForm,
    FollowUpForm,
    NewReportForm,
    RecommendationForm,
    ReportForm,
    ResponseForm,
    ReviewForm,
)
from ..models import IN_FORCE_STATUSES, Evaluation, MonitoringReport, Recommendation
from ..permissions import CHANGE, REVIEW, VIEW
from ..rollup import goal_rollup, territory_rollup
from ..scorecard import plan_scorecard, rule_sentence
from ..selectors import visible_plans
from ..services.evaluation import (
    add_evaluation,
    add_recommendation,
    close_recommendation,
    follow_up,
    publish_evaluation,
    respond,
)
from ..services.monitoring import (
    breakdown_flags,
    publish_report,
    return_report,
    save_report,
    spending_sources,
    start_report,
    submit_report,
)
from .common import plan_or_404, require, shown_version_for


@require_GET
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    card = plan_scorecard(plan)
    version = card.version or shown_version_for(request, plan)
    return render(
        request,
        "plans/scorecard.html",
        {
            "plan": plan,
            "version": version,
            "card": card,
            "rules": [(c, rule_sentence(c.indicator)) for c in card.cards],
            "rollup": goal_rollup(card.version) if card.version else [],
            "may_run": can(request.user, CHANGE, plan),
        },
    )


@require_GET
def reports(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    may_run = can(request.user, CHANGE, plan)
    in_force = plan.versions.filter(status__in=IN_FORCE_STATUSES).exists()
    return render(
        request,
        "plans/reports.html",
        {
            "plan": plan,
            "version": shown_version_for(request, plan),
            "reports": allowed_rows(request.user, VIEW, plan.reports.order_by("period")),
            "evaluations": allowed_rows(request.user, VIEW, plan.evaluations.all()),
            "new_form": NewReportForm(plan=plan) if may_run and in_force else None,
            "may_run": may_run,
        },
    )


@login_required
@require_POST
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    require(request, CHANGE, plan)
    form = NewReportForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            report = start_report(plan, form.cleaned_data["period"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("plans:report", plan.pk, report.pk)
    else:
        messages.error(request, _("Choose a period without a report."))
    return redirect("plans:reports", plan.pk)


def _report_or_404(request: HttpRequest, pk: int, rid: int) -> MonitoringReport:
    report = allowed_rows(
        request.user, VIEW, MonitoringReport.objects.select_related("plan__territory", "version")
    )
    found = report.filter(plan_id=pk, pk=rid).first()
    if found is None:
        raise Http404(_("No report you may see has this number."))
    return found


@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    report = _report_or_404(request, pk, rid)
    may_write = can(request.user, CHANGE, report)
    form = None
    if may_write:
        form = ReportForm(request.POST or None, report=report, sources=spending_sources())
        if request.method == "POST" and form.is_valid():
            try:
                save_report(
                    report,
                    by=request.user,
                    actuals=form.actuals(),
                    progress=form.progress(),
                    spending=form.spending(),
                    narrative=form.cleaned_data["narrative"],
                    risks=form.cleaned_data["risks"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The report is saved."))
                return redirect("plans:report", pk, rid)
    official = holds(request.user, VIEW, report.plan)
    return render(
        request,
        "plans/report.html",
        {
            "plan": report.plan,
            "version": report.version,
            "report": report,
            "form": form,
            "values": report.values.select_related("indicator").order_by(
                "indicator__order", "indicator__pk"
            ),
            "progress": report.action_progress.select_related("action").order_by("action__order"),
            "spending": report.spending.select_related("source"),
            "flags": breakdown_flags(report),
            "may_write": may_write,
            "may_review": can(request.user, REVIEW, report),
            "review_form": ReviewForm(),
            "timeline": timeline(report) if official else [],
        },
    )


@login_required
@require_POST
def report_step(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    report = _report_or_404(request, pk, rid)
    step = request.POST.get("step", "")
    try:
        if step == "submit":
            submit_report(report, by=request.user)
        elif step == "return":
            return_report(report, by=request.user, comment=request.POST.get("comment", ""))
        elif step == "publish":
            publish_report(report, by=request.user)
        else:
            raise Http404(_("No such step."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The report is now: %(status)s.") % {"status": report.get_status_display()}
        )
    return redirect("plans:report", pk, rid)


@login_required
@require_http_methods(["GET", "POST"])
@sent_once
def evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    require(request, CHANGE, plan)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = add_evaluation(
                plan,
                by=request.user,
                ratings=form.ratings(),
                title=form.cleaned_data["title"],
                evaluator=form.cleaned_data["evaluator"],
                completed_on=form.cleaned_data["completed_on"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("plans:evaluation", plan.pk, evaluation.pk)
    return render(
        request,
        "plans/evaluation_new.html",
        {"plan": plan, "version": shown_version_for(request, plan), "form": form},
    )


@require_http_methods(["GET", "POST"])
def evaluation_detail(request: HttpRequest, pk: int, eid: int) -> HttpResponse:
    evaluation = (
        allowed_rows(request.user, VIEW, Evaluation.objects.select_related("plan"))
        .filter(plan_id=pk, pk=eid)
        .first()
    )
    if evaluation is None:
        raise Http404(_("No evaluation you may see has this number."))
    if request.method == "POST":
        _evaluation_post(request, evaluation)
        return redirect("plans:evaluation", pk, eid)
    recommendations = allowed_rows(
        request.user, VIEW, evaluation.recommendations.select_related("owner")
    )
    return render(
        request,
        "plans/evaluation.html",
        {
            "plan": evaluation.plan,
            "version": shown_version_for(request, evaluation.plan),
            "evaluation": evaluation,
            "ratings": evaluation.ratings.all(),
            "recommendations": [
                (r, can(request.user, CHANGE, r), r.follow_ups.all())
                for r in recommendations.prefetch_related("follow_ups")
            ],
            "may_write": can(request.user, CHANGE, evaluation),
            "recommendation_form": RecommendationForm(auto_id="rec-%s"),
            "response_form": ResponseForm(auto_id=False),
            "follow_up_form": FollowUpForm(auto_id=False),
        },
    )


def _evaluation_post(request: HttpRequest, evaluation: Evaluation) -> None:
    what = request.POST.get("what", "")
    try:
        if what == "publish":
            publish_evaluation(evaluation, by=request.user)
        elif what == "recommendation":
            form = RecommendationForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Write the recommendation, its owner and its deadline."))
            add_recommendation(evaluation, by=request.user, **form.cleaned_data)
        else:
            recommendation = Recommendation.objects.filter(
                evaluation=evaluation, pk=request.POST.get("recommendation") or 0
            ).first()
            if recommendation is None:
                raise Http404(_("No such recommendation."))
            if what == "respond":
                respond(
                    recommendation,
                    by=request.user,
                    response=request.POST.get("response", ""),
                    text=request.POST.get("text", ""),
                )
            elif what == "follow_up":
                follow_up(recommendation, by=request.user, note=request.POST.get("note", ""))
            elif what == "close":
                close_recommendation(recommendation, by=request.user)
            else:
                raise Http404(_("No such step."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))


@require_GET
def rollup(request: HttpRequest, kato: str) -> HttpResponse:
    """Progress of the plans in force of a territory and every unit below it."""
    territory = territory_or_404(kato, current=True)
    total, units = territory_rollup(territory)
    own = (
        visible_plans(request.user)
        .filter(territory=territory, versions__status__in=IN_FORCE_STATUSES)
        .distinct()
    )
    plan_views = []
    for plan in own:
        version = plan.versions.filter(status__in=IN_FORCE_STATUSES).order_by("-number").first()
        plan_views.append((plan, goal_rollup(version)))
    return render(
        request,
        "plans/rollup.html",
        {"territory": territory, "total": total, "units": units, "plan_views": plan_views},
    )
