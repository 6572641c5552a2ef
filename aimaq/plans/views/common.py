"""What the plans views share: finding a plan or version the visitor may see."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from aimaq.core.permissions import allowed_rows, can

from ..models import IN_FORCE_STATUSES, Plan, PlanVersion
from ..permissions import VIEW


def plan_or_404(request: HttpRequest, pk: int) -> Plan:
    plan = (
        allowed_rows(request.user, VIEW, Plan.objects.select_related("territory", "owner"))
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404(_("No plan you may see has this number."))
    return plan


def version_or_404(request: HttpRequest, pk: int, number: int) -> PlanVersion:
    version = (
        allowed_rows(
            request.user, VIEW, PlanVersion.objects.select_related("plan__territory", "plan__owner")
        )
        .filter(plan_id=pk, number=number)
        .first()
    )
    if version is None:
        raise Http404(_("No version you may see has this number."))
    return version


def shown_version_for(request: HttpRequest, plan: Plan) -> PlanVersion:
    """The version in force if the visitor may see it, else the latest they may see."""
    versions = allowed_rows(
        request.user, VIEW, plan.versions.select_related("plan__territory", "plan__owner")
    )
    version = versions.filter(status__in=IN_FORCE_STATUSES).order_by("-number").first()
    version = version or versions.order_by("-number").first()
    if version is None:
        raise Http404(_("No version you may see has this number."))
    return version


def require(request: HttpRequest, action: str, obj: object) -> None:
    if not can(request.user, action, obj):
        raise PermissionDenied(_("You may not do this to this plan."))


def back_to(request: HttpRequest, url: str, anchor: str = "") -> HttpResponse:
    """After a write: to `url` (and its anchor)."""
    return redirect(f"{url}#{anchor}" if anchor else url)


def version_url(version: PlanVersion, name: str = "plans:version", *extra: object) -> str:
    return reverse(name, args=[version.plan_id, version.number, *extra])
