"""The progress page of a job (and its htmx partial), its output, and "run it again"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from aimaq.core.http import HtmxRequest
from aimaq.core.permissions import allowed_rows

from .models import Job, JobStatus
from .permissions import FOLLOW
from .services import restart_stalled_job


def _visible_job(request: HttpRequest, pk: int) -> Job:
    """The job, if the person may follow it; someone else's job is not found (404)."""
    return get_object_or_404(allowed_rows(request.user, FOLLOW, Job.objects.all()), pk=pk)


@login_required
@require_GET
def job_progress(request: HtmxRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    if request.htmx:
        return render(request, "core/partials/job_progress.html", {"job": job})
    return render(request, "core/job_progress.html", {"job": job})


@login_required
@require_GET
def job_output(request: HttpRequest, pk: int) -> FileResponse:
    job = _visible_job(request, pk)
    if job.status != JobStatus.DONE or not job.output:
        raise Http404
    return FileResponse(
        job.output.open("rb"),
        as_attachment=True,
        filename=job.output_name or (job.output.name or "").rsplit("/", 1)[-1],
        content_type=job.output_type or "application/octet-stream",
    )


@login_required
@require_POST
def job_restart(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    restart_stalled_job(job)
    return redirect(job.progress_url)
