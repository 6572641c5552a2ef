"""The quality check, the workflow steps (agreement, approval…), amendments and their diff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.core.activity import timeline
from aimaq.core.permissions import can, holds

from ..diff import diff_versions
from ..forms import AgreeForm, AmendForm, ApproveForm
from ..models import VersionStatus
from ..permissions import APPROVE, CHANGE, VIEW
from ..quality import check_quality, rule_titles
from ..services import approve, move, next_steps, start_amendment, working_draft
from .common import plan_or_404, require, version_or_404, version_url


@require_GET
def quality(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = version_or_404(request, pk, number)
    require(request, CHANGE, version.plan)
    report = check_quality(version)
    titles = rule_titles()
    return render(
        request,
        "plans/quality.html",
        {
            "plan": version.plan,
            "version": version,
            "report": report,
            "rules": [
                (rule, title, report.by_rule().get(rule, [])) for rule, title in titles.items()
            ],
            "may_edit": can(request.user, CHANGE, version),
        },
    )


@require_http_methods(["GET", "POST"])
def workflow(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The version's status, the steps the person may take, and its history."""
    version = version_or_404(request, pk, number)
    agree_form = AgreeForm(request.POST if request.POST.get("to") == VersionStatus.AGREED else None)
    approve_form = ApproveForm(
        request.POST if request.POST.get("to") == VersionStatus.APPROVED else None, version=version
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            raise PermissionDenied
        done = _take_step(request, version, agree_form, approve_form)
        if done:
            return redirect(version_url(version, "plans:workflow"))
    official = holds(request.user, VIEW, version.plan)
    steps = next_steps(version, request.user)
    report = check_quality(version) if any(step.approval for step in steps) else None
    return render(
        request,
        "plans/workflow.html",
        {
            "plan": version.plan,
            "version": version,
            "steps": steps,
            "agree_form": agree_form,
            "approve_form": approve_form,
            "quality": report,
            "timeline": timeline(version) if official else [],
            "may_amend": can(request.user, CHANGE, version.plan)
            and version.is_in_force
            and working_draft(version.plan) is None,
            "amend_form": AmendForm(),
            "statuses": VersionStatus.choices,
        },
    )


def _take_step(
    request: HttpRequest, version, agree_form: AgreeForm, approve_form: ApproveForm
) -> bool:
    to = request.POST.get("to", "")
    try:
        if to == VersionStatus.APPROVED:
            if not can(request.user, APPROVE, version):
                raise PermissionDenied(_("Only an approver of this territory records an approval."))
            if not approve_form.is_valid():
                return False
            approve(
                version,
                by=request.user,
                body=approve_form.cleaned_data["body"],
                decision_number=approve_form.cleaned_data["decision_number"],
                decision_date=approve_form.cleaned_data["decision_date"],
            )
        elif to == VersionStatus.AGREED:
            if not agree_form.is_valid():
                return False
            move(
                version,
                to,
                by=request.user,
                agreed_on=agree_form.cleaned_data["agreed_on"],
                note=agree_form.cleaned_data["note"],
            )
        else:
            move(version, to, by=request.user)
    except ValidationError as error:
        target = approve_form if to == VersionStatus.APPROVED else agree_form
        if to in (VersionStatus.APPROVED, VersionStatus.AGREED):
            target.add_error(None, error)
        else:
            messages.error(request, " ".join(error.messages))
        return False
    messages.success(
        request,
        _("The version is now: %(status)s.")
        % {"status": VersionStatus(_status_after(version)).label},
    )
    return True


def _status_after(version) -> str:
    version.refresh_from_db(fields=["status"])
    return version.status


@login_required
@require_POST
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_or_404(request, pk)
    require(request, CHANGE, plan)
    form = AmendForm(request.POST)
    if form.is_valid():
        try:
            draft = start_amendment(plan, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("plans:edit", plan.pk, draft.number, "passport")
    else:
        messages.error(request, _("Say why the plan is amended."))
    return redirect("plans:detail", plan.pk)


@require_GET
def diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = version_or_404(request, pk, number)
    if version.based_on is None:
        raise Http404(_("The first version amends nothing."))
    if not can(request.user, VIEW, version.based_on):
        raise Http404(_("No version you may see has this number."))
    official = holds(request.user, VIEW, version.plan)
    result = diff_versions(version.based_on, version, with_people=official)
    return render(
        request,
        "plans/diff.html",
        {
            "plan": version.plan,
            "version": version,
            "diff": result,
            "official": official,
            "author": version.created_by if official else None,
        },
    )
