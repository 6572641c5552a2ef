"""Background jobs of grants: the committee's protocol rendered as PDF.

- PROTOCOL: the latest decision's protocol drawn for the person who asked (without the
  applications they declared a conflict on), kept as the job's output. A view starts it with
  `enqueue_job(PROTOCOL, by=person, params={"decision": pk, "language": "ru"})`.
- SIGNED_PROTOCOL: the complete protocol of a signed decision, stored with it once
  (`Decision.protocol`, served only to the officials who run the competition). Signing
  queues it in the signing transaction.

Each runner checks again that the person may do it: a right revoked after the click ends
the job refused."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aimaq.core.i18n import CONTENT_LANGUAGES
from aimaq.core.jobs import register_job

if TYPE_CHECKING:
    from aimaq.core.jobs.models import Job

    from .models import Decision

PROTOCOL = "grants.protocol"
SIGNED_PROTOCOL = "grants.signed_protocol"


def register_jobs() -> None:
    register_job(PROTOCOL, render_protocol_job, label=gettext_lazy("Committee protocol"))
    register_job(
        SIGNED_PROTOCOL, store_signed_protocol, label=gettext_lazy("Signed committee protocol")
    )


def _language(job: Job) -> str:
    language = job.params.get("language")
    return language if language in CONTENT_LANGUAGES else "ru"


def _decision(job: Job, action: str) -> Decision:
    from aimaq.core.jobs import JobRefused
    from aimaq.core.permissions import can

    from .models import Decision

    decision = (
        Decision.objects.select_related("competition").filter(pk=job.params.get("decision")).first()
    )
    if decision is None or not can(job.created_by, action, decision.competition):
        raise JobRefused(_("No decision you may see has this number."))
    return decision


def protocol_file_name(decision: Decision, language: str) -> str:
    return f"aimaq-grants-{decision.competition_id}-protocol-v{decision.version}-{language}.pdf"


def render_protocol_job(job: Job) -> dict:
    """The protocol of `params["decision"]` in `params["language"]`, drawn for the person
    who started the job."""
    from .documents import protocol_document, render_protocol
    from .permissions import COMMITTEE

    language = _language(job)
    with translation.override(language):
        decision = _decision(job, COMMITTEE)
        job.report(done=0, total=2, message=_("Reading the decision"))
        document = protocol_document(decision, viewer=job.created_by, language=language)
        job.report(done=1, total=2, message=_("Laying out the pages"))
        data = render_protocol(document)
        job.attach_output(protocol_file_name(decision, language), data, "application/pdf")
        job.report(done=2, total=2, message=_("The protocol is ready"))
    return {"decision": decision.pk, "bytes": len(data)}


def store_signed_protocol(job: Job) -> dict:
    """The complete protocol of the signed decision `params["decision"]`, stored with it
    (once: a second run finds it stored and does nothing)."""
    from aimaq.core.attachments import CheckedFile, attach
    from aimaq.core.jobs import JobRefused

    from .documents import protocol_document, render_protocol
    from .models import Decision
    from .permissions import MANAGE, SIGN

    language = _language(job)
    with translation.override(language):
        decision = _decision(job, SIGN)
        if not decision.is_signed:
            raise JobRefused(_("Only a signed decision has a stored protocol."))
        if decision.protocol_id:
            return {"decision": decision.pk, "stored": decision.protocol_id}
        job.report(done=0, total=2, message=_("Reading the decision"))
        document = protocol_document(decision, viewer=None, language=language)
        job.report(done=1, total=2, message=_("Laying out the pages"))
        data = render_protocol(document)
        checked = CheckedFile(
            name=f"protocol-{decision.competition_id}-v{decision.version}-{language}.pdf",
            media_type="application/pdf",
            data=data,
            sha256=hashlib.sha256(data).hexdigest(),
        )
        stored = attach(decision, checked, by=job.created_by, read_action=MANAGE)
        # The decision is signed and its save() refuses every change; the protocol is the
        # one field written after signing, once, by this update.
        Decision.objects.filter(pk=decision.pk, protocol__isnull=True).update(protocol=stored)
        job.report(done=2, total=2, message=_("The signed protocol is stored"))
    return {"decision": decision.pk, "stored": stored.pk}


def protocol_jobs(decision: Decision):
    """The jobs that store the signed protocol of `decision`, newest first."""
    from aimaq.core.jobs.models import Job

    return Job.objects.filter(kind=SIGNED_PROTOCOL, params__decision=decision.pk).order_by("-pk")
