"""Background jobs of the evidence base: the territory profile as a PDF or DOCX file.

Registered from the app's `ready()` with `register_jobs()`; a view starts one with
`enqueue_job(PROFILE_DOCUMENT, by=person, params={"kato", "language", "format"})`."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aimaq.core.jobs import Job, JobRefused, register_job

PROFILE_DOCUMENT = "indicators.profile_document"


def register_jobs() -> None:
    """Make this app's jobs known to the job runner (called from IndicatorsConfig.ready)."""
    register_job(
        PROFILE_DOCUMENT, render_profile_document, label=gettext_lazy("Territory profile document")
    )


def render_profile_document(job: Job) -> dict:
    """Renders the profile of `params["kato"]` as `params["format"]` in `params["language"]`
    and attaches the file to the job; its messages are in the document's language. A
    territory that is gone or a format that does not exist refuses the job."""
    # Imported here, not when the app is ready: WeasyPrint and the map classes (scipy,
    # scikit-learn) would add seconds to the start of every process, rendering or not.
    from aimaq.core.documents import CONTENT_TYPES, FORMATS, render

    from .documents import document_language, profile_document, profile_file_name
    from .selectors import current_territory

    params = job.params
    language = document_language(params.get("language"), "ru")
    file_format = params.get("format")
    with translation.override(language):
        if file_format not in FORMATS:
            raise JobRefused(_("Unknown document format."))
        territory = current_territory(str(params.get("kato", "")))
        if territory is None:
            raise JobRefused(
                _("No current territory with KATO code %(code)s.") % {"code": params.get("kato")}
            )
        job.report(done=0, total=3, message=_("Reading the figures and drawing the maps"))
        document = profile_document(
            territory, language=language, period=str(params.get("period") or "") or None
        )
        job.report(done=1, total=3, message=_("Laying out the pages"))
        data = render(document, file_format)
        job.report(done=2, total=3, message=_("Saving the file"))
        name = profile_file_name(territory, language, file_format)
        job.attach_output(name, data, CONTENT_TYPES[file_format])
        job.report(done=3, total=3, message=_("The document is ready"))
    return {"file": name, "bytes": len(data)}
