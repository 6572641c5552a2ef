"""The import pages: upload (the file is kept and its check queued), preview (the check's
progress, then what the file would change), confirm (the write queued once), progress."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aimaq.accounts.http import AuthenticatedRequest
from aimaq.core.permissions import allowed_rows, roots_where
from aimaq.core.tabular import FileRefused, Limits, check_upload_size
from aimaq.core.tabular.limits import megabytes

from . import services
from .forms import ImportUploadForm
from .importing.columns import ROLE_LABELS, ROLE_NAMES
from .importing.types import ROLES
from .models import ImportRun, ImportStatus
from .permissions import CHANGE, FOLLOW_IMPORT

PREVIEW_ERRORS = 20
WRITING = (ImportStatus.QUEUED, ImportStatus.WRITING, ImportStatus.DONE)


def _require_importer(request: AuthenticatedRequest) -> None:
    """Only people who may change figures somewhere may import; each row is then checked
    against their scope in the preview."""
    if not roots_where(request.user, CHANGE):
        raise PermissionDenied(_("You may not change figures of any territory."))


def _own_run(request: AuthenticatedRequest, pk: int) -> ImportRun:
    """The run, if the person may follow it (someone else's run is not found: 404)."""
    return get_object_or_404(
        allowed_rows(request.user, FOLLOW_IMPORT, ImportRun.objects.all()), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
        except FileRefused as refusal:
            form.add_error("file", refusal.errors[0].message())
        else:
            run = services.start_import_check(upload, options=form.options(), by=request.user)
            return redirect("indicators:import_preview", pk=run.pk)
    recent = ImportRun.objects.filter(created_by=request.user).select_related(
        "check_job", "write_job"
    )[:5]
    context = {
        "form": form,
        "recent": recent,
        "accepted_columns": [
            (ROLE_LABELS[role] if role in ROLE_LABELS else _("KATO code"), names)
            for role, names in ROLE_NAMES.items()
        ],
        "max_size": megabytes(Limits.from_settings().upload_bytes),
    }
    return render(request, "indicators/import_upload.html", context)


@login_required
@require_GET
def import_preview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    run = _own_run(request, pk)
    if run.status in WRITING and not request.htmx:
        return redirect("indicators:import_progress", pk=run.pk)
    context = {
        "run": run,
        "job": run.check_job,
        "poll_url": reverse("indicators:import_preview", args=[run.pk]),
        "restart_url": reverse("indicators:import_restart", args=[run.pk]),
        "first_errors": run.errors[:PREVIEW_ERRORS],
        # In one order whatever the database kept (PostgreSQL's JSON reorders keys).
        "roles": [
            (role, ROLE_LABELS.get(role, role), column)
            for role, column in sorted(run.roles.items(), key=_role_order)
        ],
        "error_count": max(run.error_count, len(run.errors)),
    }
    if request.htmx:
        return render(request, "indicators/partials/import_preview_body.html", context)
    return render(request, "indicators/import_preview.html", context)


@login_required
@require_POST
def import_recheck(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The file checked again with the person's picks: a unit for each name they looked at
    (`name:<name>` = KATO code) and a column for each part (`column:<role>` = header)."""
    _require_importer(request)
    run = _own_run(request, pk)
    if run.status != ImportStatus.PREVIEW and run.status != ImportStatus.REFUSED:
        return redirect("indicators:import_preview", pk=run.pk)
    known = {entry["name"] for entry in run.matches}
    names = {
        key.removeprefix("name:"): code
        for key, code in request.POST.dict().items()
        if key.startswith("name:") and key.removeprefix("name:") in known and code.isdigit()
    }
    columns = {
        role: header
        for role in ROLES
        if (header := request.POST.get(f"column:{role}", "")) and header in run.columns
    }
    again = services.recheck_import(run, names=names, columns=columns, by=request.user)
    return redirect("indicators:import_preview", pk=again.pk)


@login_required
@require_GET
def import_template(request: AuthenticatedRequest) -> HttpResponse:
    """A CSV to fill in: the long layout's header and one example row."""
    _require_importer(request)
    body = "\ufeffindicator,kato,period,value,status,source\npopulation,350000000,2023,1131000,final,\n"
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aimaq-import-template.csv"'
    return response


@login_required
@require_GET
def import_errors(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    run = _own_run(request, pk)
    report = ("\ufeff" + services.error_report_csv(run)).encode("utf-8")
    response = HttpResponse(report, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-errors.csv"'
    return response


@login_required
@require_POST
def import_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    run = _own_run(request, pk)
    # Only the request that moves the run out of "checked" starts the write (one UPDATE):
    # a double click's second POST changes nothing and just lands on the progress page.
    services.confirm_import(run, by=request.user)
    return redirect("indicators:import_progress", pk=run.pk)


@login_required
@require_POST
def import_restart(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Runs again a check or an import whose worker stopped mid-way (see Job.is_stalled)."""
    _require_importer(request)
    run = _own_run(request, pk)
    services.restart_stalled_import(run)
    page = "indicators:import_progress" if run.write_job_id else "indicators:import_preview"
    return redirect(page, pk=pk)


@login_required
@require_GET
def import_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    run = _own_run(request, pk)
    if run.write_job is None:
        return redirect("indicators:import_preview", pk=run.pk)
    context = {
        "run": run,
        "job": run.write_job,
        "poll_url": reverse("indicators:import_progress", args=[run.pk]),
        "restart_url": reverse("indicators:import_restart", args=[run.pk]),
        "map_url": map_of_import(run) if run.status == ImportStatus.DONE else "",
    }
    if request.htmx:
        return render(request, "indicators/partials/import_progress.html", context)
    return render(request, "indicators/import_progress.html", context)


def map_of_import(run: ImportRun) -> str:
    """The map of the imported indicator, for the parent of the imported territories."""
    if not run.focus:
        code = run.options.get("indicator", "")
        return reverse("indicators:map", args=[code]) if code else ""
    query = urlencode({"parent": run.focus["parent"], "period": run.focus["period"]})
    return reverse("indicators:map", args=[run.focus["indicator"]]) + "?" + query


def _role_order(item: tuple[str, object]) -> int:
    order = list(ROLE_LABELS)
    return order.index(item[0]) if item[0] in order else len(order)
