"""Importing an action plan and indicator table from Excel into a draft: upload (the file is
kept and its check queued), the check's progress and preview, confirm (the write queued
once), the write's progress — the shared flow of aimaq.core.tabular."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.accounts.http import AuthenticatedRequest
from aimaq.core.exports import CSV_CONTENT_TYPE, attachment
from aimaq.core.permissions import allowed_rows, can
from aimaq.core.tabular import FileRefused, TabularReport, check_upload_size
from aimaq.core.tabular.flow import confirm_import, start_check

from ..models import ActionPlanImport
from ..permissions import CHANGE, FOLLOW_IMPORT
from .common import version_or_404

PREVIEW_ERRORS = 50


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx) in the template"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


def _own(request: HttpRequest, rid: int) -> ActionPlanImport:
    rows = allowed_rows(
        request.user, FOLLOW_IMPORT, ActionPlanImport.objects.select_related("version__plan")
    )
    return get_object_or_404(rows, pk=rid)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = version_or_404(request, pk, number)
    if not can(request.user, CHANGE, version):
        raise PermissionDenied(_("You may not do this to this plan."))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            check_upload_size(upload_file.size)
        except FileRefused as refusal:
            form.add_error("file", refusal.errors[0].message())
        else:
            record = start_check(
                ActionPlanImport, upload_file, by=request.user, options={"version": version.pk}
            )
            ActionPlanImport.objects.filter(pk=record.pk).update(version=version)
            return redirect("plans:import", record.pk)
    return render(
        request,
        "plans/import_upload.html",
        {"plan": version.plan, "version": version, "form": form},
    )


@login_required
@require_GET
def status(request: AuthenticatedRequest, rid: int) -> HttpResponse:
    record = _own(request, rid)
    if record.version is None:  # the draft was deleted since
        raise Http404(_("No such element."))
    report = TabularReport.from_dict(record.report)
    job = record.current_job
    context = {
        "record": record,
        "plan": record.version.plan,
        "version": record.version,
        "job": job,
        "report": report,
        "errors": report.errors[:PREVIEW_ERRORS],
        "poll_url": reverse("plans:import", args=[record.pk]),
        "errors_url": reverse("plans:import_errors", args=[record.pk]),
    }
    if request.htmx:
        return render(request, "plans/partials/import_status.html", context)
    return render(request, "plans/import_status.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, rid: int) -> HttpResponse:
    record = _own(request, rid)
    confirm_import(record, by=request.user)
    return redirect("plans:import", record.pk)


@login_required
@require_GET
def errors(request: HttpRequest, rid: int) -> HttpResponse:
    record = _own(request, rid)
    text = TabularReport.from_dict(record.report).errors_csv()
    return attachment(
        ("\ufeff" + text).encode("utf-8"),
        file_name=f"plan-import-{record.pk}-errors.csv",
        content_type=CSV_CONTENT_TYPE,
    )
