"""The territory profile as a file: started as a background job from the profile page, or
rendered at once by the download address."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aimaq.core.documents import FORMATS
from aimaq.core.exports import attachment
from aimaq.core.jobs import enqueue_job
from aimaq.territories.lookups import territory_or_404

from . import readcache
from .documents import document_language, profile_file
from .jobs import PROFILE_DOCUMENT


def _format_or_404(file_format: str | None) -> str:
    if file_format not in FORMATS:
        raise Http404(_("Unknown document format."))
    return file_format


@require_POST
def start_profile_document(request: HttpRequest, kato: str) -> HttpResponse:
    """Starts rendering the profile (`format`, `lang` in the form) and shows its progress."""
    territory = territory_or_404(kato, current=True)
    file_format = _format_or_404(request.POST.get("format"))
    language = document_language(request.POST.get("lang"), request.LANGUAGE_CODE)
    period = (request.POST.get("period") or "")[:7]
    if not request.user.is_authenticated:
        # A job belongs to a person; a visitor without an account gets the file at once.
        url = reverse("indicators:profile_document", args=[territory.kato, file_format])
        return redirect(f"{url}?{urlencode({'lang': language, 'period': period})}")
    job = enqueue_job(
        PROFILE_DOCUMENT,
        by=request.user,
        params={
            "kato": territory.kato,
            "language": language,
            "format": file_format,
            "period": period,
        },
    )
    return redirect(job.progress_url)


@require_GET
def profile_document(request: HttpRequest, kato: str, file_format: str) -> HttpResponse:
    """The profile as a PDF or DOCX download, in `?lang=` or the page's language. A file
    rendered once is kept until the figures change or the day ends (it is dated), so a link
    many visitors follow renders it once, not once per visitor."""
    territory = territory_or_404(kato, current=True)
    language = document_language(request.GET.get("lang"), request.LANGUAGE_CODE)
    file_format = _format_or_404(file_format)
    period = (request.GET.get("period") or "")[:7] or None
    key = readcache.digest([territory.kato, language, file_format, period, localdate()])
    document = readcache.cached(
        "profile-file",
        key,
        lambda: profile_file(territory, language=language, file_format=file_format, period=period),
        alias="documents",
    )
    return attachment(document.data, file_name=document.name, content_type=document.content_type)
