"""Background jobs of plans: a plan version or a monitoring report rendered as PDF or DOCX.

A view starts one with `enqueue_job(PLAN_DOCUMENT, by=person, params={"version", "language",
"format"})` (or REPORT_DOCUMENT with "report"); the runner checks again that the person may
see what is rendered, then attaches the file to the job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aimaq.core.documents import FORMATS
from aimaq.core.i18n import CONTENT_LANGUAGES
from aimaq.core.jobs import register_job

if TYPE_CHECKING:
    from aimaq.core.jobs.models import Job

PLAN_DOCUMENT = "plans.plan_document"
REPORT_DOCUMENT = "plans.report_document"


def register_jobs() -> None:
    register_job(PLAN_DOCUMENT, render_plan_document, label=gettext_lazy("Plan document"))
    register_job(
        REPORT_DOCUMENT, render_report_document, label=gettext_lazy("Monitoring report document")
    )


def _language_and_format(job: Job) -> tuple[str, str]:
    from aimaq.core.jobs import JobRefused

    language = job.params.get("language")
    language = language if language in CONTENT_LANGUAGES else "ru"
    file_format = job.params.get("format")
    with translation.override(language):
        if file_format not in FORMATS:
            raise JobRefused(_("Unknown document format."))
    return language, file_format


def render_plan_document(job: Job) -> dict:
    """The version `params["version"]` as `params["format"]` in `params["language"]`."""
    from aimaq.core.jobs import JobRefused
    from aimaq.core.permissions import can

    from .documents import plan_file
    from .models import PlanVersion
    from .permissions import VIEW

    language, file_format = _language_and_format(job)
    with translation.override(language):
        version = (
            PlanVersion.objects.select_related("plan").filter(pk=job.params.get("version")).first()
        )
        if version is None or not can(job.created_by, VIEW, version):
            raise JobRefused(_("No version you may see has this number."))
        job.report(done=0, total=2, message=_("Reading the plan and drawing the figures"))
        document = plan_file(version, language=language, file_format=file_format)
        job.report(done=1, total=2, message=_("Saving the file"))
        job.attach_output(document.name, document.data, document.content_type)
        job.report(done=2, total=2, message=_("The document is ready"))
    return {"file": document.name, "bytes": len(document.data)}


def render_report_document(job: Job) -> dict:
    from aimaq.core.jobs import JobRefused
    from aimaq.core.permissions import can

    from .documents import report_file
    from .models import MonitoringReport
    from .permissions import VIEW

    language, file_format = _language_and_format(job)
    with translation.override(language):
        report = (
            MonitoringReport.objects.select_related("plan")
            .filter(pk=job.params.get("report"))
            .first()
        )
        if report is None or not can(job.created_by, VIEW, report):
            raise JobRefused(_("No report you may see has this number."))
        job.report(done=0, total=1, message=_("Laying out the pages"))
        document = report_file(report, language=language, file_format=file_format)
        job.attach_output(document.name, document.data, document.content_type)
        job.report(done=1, total=1, message=_("The document is ready"))
    return {"file": document.name, "bytes": len(document.data)}
