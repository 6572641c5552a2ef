"""Files of a plan: the plan and its monitoring reports as PDF or DOCX in a chosen language
(rendered as a background job for signed-in people, `start_document`, or at once by the
download address), and the XLSX exports."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aimaq.core.documents import FORMATS
from aimaq.core.exports import XLSX_CONTENT_TYPE, attachment
from aimaq.core.i18n import CONTENT_LANGUAGES, active_language

from ..documents import plan_file, report_file
from ..exports import budget_xlsx, chain_xlsx, scorecard_xlsx, template_xlsx
from ..models import PlanVersion
from ..services.common import version_in_force
from .common import plan_or_404, shown_version_for, version_or_404
from .monitoring import _report_or_404

EXPORTS = {
    "chain": chain_xlsx,
    "budget": budget_xlsx,
    "scorecard": scorecard_xlsx,
    "template": template_xlsx,
}


def _language(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")
    return asked if asked in CONTENT_LANGUAGES else active_language()


def _version(request: HttpRequest, pk: int) -> PlanVersion:
    number = request.GET.get("v", "")
    if number.isdigit():
        return version_or_404(request, pk, int(number))
    return shown_version_for(request, plan_or_404(request, pk))


@require_GET
def plan_document(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404(_("Unknown document format."))
    version = _version(request, pk)
    document = plan_file(version, language=_language(request), file_format=file_format)
    return attachment(document.data, file_name=document.name, content_type=document.content_type)


@require_GET
def report_document(request: HttpRequest, pk: int, rid: int, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404(_("Unknown document format."))
    report = _report_or_404(request, pk, rid)
    document = report_file(report, language=_language(request), file_format=file_format)
    return attachment(document.data, file_name=document.name, content_type=document.content_type)


@require_GET
def export(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    if what not in EXPORTS:
        raise Http404(_("Unknown export."))
    version = _version(request, pk)
    if what == "scorecard":
        version = version_in_force(version.plan) or version
    data = EXPORTS[what](version)
    name = f"aimaq-plan-{pk}-v{version.number}-{what}.xlsx"
    return attachment(data, file_name=name, content_type=XLSX_CONTENT_TYPE)


@require_POST
def start_document(request: HttpRequest, pk: int) -> HttpResponse:
    """Renders the plan (`v`) or one of its reports (`report`) as `format` in `lang` in the
    background and shows its progress; a visitor without an account gets the file at once."""
    from aimaq.core.jobs import enqueue_job

    from ..jobs import PLAN_DOCUMENT, REPORT_DOCUMENT

    file_format = request.POST.get("format", "")
    if file_format not in FORMATS:
        raise Http404(_("Unknown document format."))
    language = request.POST.get("lang", "")
    language = language if language in CONTENT_LANGUAGES else active_language()
    report_id = request.POST.get("report", "")
    if report_id.isdigit():
        report = _report_or_404(request, pk, int(report_id))
        kind, params = REPORT_DOCUMENT, {"report": report.pk}
        direct = reverse("plans:report_document", args=[pk, report.pk, file_format])
    else:
        number = request.POST.get("v", "")
        version = (
            version_or_404(request, pk, int(number))
            if number.isdigit()
            else shown_version_for(request, plan_or_404(request, pk))
        )
        kind, params = PLAN_DOCUMENT, {"version": version.pk}
        direct = reverse("plans:document", args=[pk, file_format]) + f"?v={version.number}"
    if not request.user.is_authenticated:
        separator = "&" if "?" in direct else "?"
        return redirect(f"{direct}{separator}{urlencode({'lang': language})}")
    job = enqueue_job(
        kind, by=request.user, params={**params, "language": language, "format": file_format}
    )
    return redirect(job.progress_url)
