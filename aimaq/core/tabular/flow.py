"""The import flow every app uses: the file is stored and checked whole in the background
(nothing written), the person sees the preview and confirms, and the file is checked again
and written whole in the background.

An app brings two things:

    class ActionPlanImport(ImportRecord):            # the upload record: keeps the file
        importer_path = "aimaq.plans.importing.ActionPlanImporter"

    class ActionPlanImporter:                        # the Importer protocol
        def scope(self, user): ...                   # what the person may change, JSON-able
        def check(self, record, source, job) -> TabularReport: ...   # reads, writes nothing
        def write(self, record, source, job) -> TabularReport: ...   # checks again, writes all or nothing

and its views call `start_check`, `confirm_import` and `restart_import`, and show
`record.check_job` / `record.write_job` with the job progress partial. The scope is
computed from the person at upload, at confirm and at write, so a right revoked in between
stops the import; the confirmation is one UPDATE, so a double click writes once.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar, Protocol

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aimaq.core.jobs.models import Job, JobStatus
from aimaq.core.jobs.registry import register_job

from .errors import TabularReport
from .source import TabularSource

CHECK_JOB = "core.import_check"
WRITE_JOB = "core.import_write"


class Importer(Protocol):
    """What an app implements to import a kind of file through the flow."""

    def scope(self, user: Any) -> Any:
        """What `user` may change (stored in the record's options as "scope"); recomputed
        at upload, at confirm and at write."""

    def check(self, record: ImportRecord, source: TabularSource, job: Job) -> TabularReport:
        """Reads and checks the whole file with the record's options; writes nothing but
        the record's own report fields."""

    def write(self, record: ImportRecord, source: TabularSource, job: Job) -> TabularReport:
        """Checks the file again and writes all of it in one transaction, or nothing (a
        refused report)."""


class ImportRecord(models.Model):
    """An uploaded file, kept with the options it is read with and the jobs that check and
    write it. Abstract: each app's record adds what its imports need to remember."""

    importer_path: ClassVar[str] = ""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("uploaded at"), auto_now_add=True)
    file_name = models.CharField(gettext_lazy("file name"), max_length=255)
    file = models.FileField(gettext_lazy("kept file"), upload_to="imports/%Y/%m/", blank=True)
    options = models.JSONField(gettext_lazy("reading options"), default=dict, blank=True)
    check_job = models.ForeignKey(
        Job,
        verbose_name=gettext_lazy("check"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    write_job = models.ForeignKey(
        Job,
        verbose_name=gettext_lazy("writing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(gettext_lazy("confirmed at"), null=True, blank=True)

    class Meta:
        abstract = True

    def importer(self) -> Importer:
        return import_string(self.importer_path)()

    def stored_source(self) -> TabularSource:
        """The kept file, read from disk where the storage has a path."""
        try:
            return TabularSource(self.file_name, path=Path(self.file.path))
        except NotImplementedError:  # a storage without local paths
            with self.file.open("rb") as handle:
                return TabularSource(self.file_name, data=handle.read())

    @property
    def current_job(self) -> Job | None:
        return self.write_job or self.check_job

    @property
    def may_confirm(self) -> bool:
        return (
            self.confirmed_at is None
            and self.check_job is not None
            and self.check_job.status == JobStatus.DONE
        )

    @property
    def may_run_again(self) -> bool:
        """A stalled job can run again only from the kept file (a command-line run keeps none)."""
        job = self.current_job
        return bool(self.file) and job is not None and job.is_stalled


def job_params(record: ImportRecord) -> dict:
    """The parameters of a flow job working on `record`."""
    return {"model": record._meta.label_lower, "record": record.pk}


def start_check(
    model: type[ImportRecord],
    upload: File,
    *,
    by,
    options: dict,
    file_name: str = "",
) -> ImportRecord:
    """Keeps the uploaded file on a new record and queues its check; returns the record.
    The file is streamed to storage in chunks; if the record cannot be saved, the stored
    file is removed again (no orphan files)."""
    name = Path(file_name or upload.name or "upload").name
    record = model(created_by=by, file_name=name)
    record.options = {**options, "scope": record.importer().scope(by)}
    record.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            record.save()
            record.check_job = _enqueue(CHECK_JOB, record, by)
            record.save(update_fields=["check_job"])
    except BaseException:
        record.file.delete(save=False)
        raise
    return record


def confirm_import(record: ImportRecord, *, by) -> bool:
    """Starts the write of a checked file. Only the request whose UPDATE moves the record
    out of "checked" starts it: a double click, or a second person, changes nothing and
    gets False. The scope is computed again from the person now."""
    model = type(record)
    with transaction.atomic():
        confirmed = model._default_manager.filter(
            pk=record.pk, confirmed_at__isnull=True, check_job__status=JobStatus.DONE
        ).update(confirmed_at=timezone.now())
        if not confirmed:
            record.refresh_from_db()
            return False
        record.refresh_from_db()
        record.options = {**record.options, "scope": record.importer().scope(by)}
        record.write_job = _enqueue(WRITE_JOB, record, by)
        record.save(update_fields=["options", "write_job"])
    return True


def restart_import(record: ImportRecord) -> bool:
    """Runs again the record's stalled job (check or write) from the kept file; False when
    it is not stalled, or there is no file to run from."""
    from aimaq.core.jobs.services import restart_stalled_job

    job = record.current_job
    if job is None or not record.file:
        return False
    return restart_stalled_job(job)


def _enqueue(kind: str, record: ImportRecord, by) -> Job:
    from aimaq.core.jobs.services import enqueue_job

    return enqueue_job(kind, by=by, params=job_params(record))


# --- the two runners ------------------------------------------------------------------------


def _record_of(job: Job) -> ImportRecord:
    model = apps.get_model(job.params["model"])
    return model._default_manager.select_related("created_by").get(pk=job.params["record"])


def refusal_message(report: TabularReport) -> str:
    """Why a refused file was not written, for the job's page."""
    if report.rows == 0 and not report.error_count:
        return _("The file holds no rows to import. Nothing was written.")
    return _("Problems found in the file: %(count)s. Nothing was written.") % {
        "count": max(report.error_count, report.refused)
    }


def _refused(report: TabularReport) -> Exception:
    from aimaq.core.jobs.services import JobRefused

    return JobRefused(refusal_message(report))


def summary(report: TabularReport) -> dict:
    """A report's counts, as a job's result."""
    return {"rows": report.rows, "counts": report.counts, "error_count": report.error_count}


def run_check(job: Job) -> dict:
    """The check job: the whole file read and checked, its report kept on the record."""
    record = _record_of(job)
    report = record.importer().check(record, record.stored_source(), job)
    if report.is_refused:
        raise _refused(report)
    return summary(report)


def run_write(job: Job) -> dict:
    """The write job: the scope computed again from the person who uploaded the file, the
    file checked again and written whole, or refused."""
    from aimaq.core.jobs.services import JobRefused

    record = _record_of(job)
    if record.created_by is None or not record.created_by.is_active:
        raise JobRefused(_("The account that uploaded this file is gone. Nothing was written."))
    importer = record.importer()
    record.options = {**record.options, "scope": importer.scope(record.created_by)}
    type(record)._default_manager.filter(pk=record.pk).update(options=record.options)
    report = importer.write(record, record.stored_source(), job)
    if report.is_refused:
        raise _refused(report)
    return summary(report)


register_job(CHECK_JOB, run_check, label=gettext_lazy("Checking the file"))
register_job(WRITE_JOB, run_write, label=gettext_lazy("Importing the file"))


def record_models() -> list[type[ImportRecord]]:
    """Every app's upload record model."""
    return [model for model in apps.get_models() if issubclass(model, ImportRecord)]


def delete_unwritten_files(*, older_than: timedelta, dry_run: bool = False) -> int:
    """Deletes the kept files of uploads made more than `older_than` ago that were never
    written: refused, failed, or left unconfirmed. The records stay (who uploaded what,
    and what its check found); files of written imports stay as their provenance. Returns
    how many files were (or, with `dry_run`, would be) deleted."""
    cutoff = timezone.now() - older_than
    deleted = 0
    for model in record_models():
        stale = (
            model._default_manager.filter(created_at__lt=cutoff)
            .exclude(file="")
            .exclude(write_job__status__in=(JobStatus.DONE, JobStatus.QUEUED, JobStatus.RUNNING))
            .exclude(check_job__status__in=(JobStatus.QUEUED, JobStatus.RUNNING), write_job=None)
        )
        for record in stale.iterator():
            deleted += 1
            if not dry_run:
                record.file.delete(save=False)
                model._default_manager.filter(pk=record.pk).update(file="")
    return deleted


def keep_unwritten_for() -> timedelta:
    """How long the files of uploads never written are kept (AIMAQ_IMPORT_KEEP_UNWRITTEN_DAYS)."""
    return timedelta(days=float(getattr(settings, "AIMAQ_IMPORT_KEEP_UNWRITTEN_DAYS", 7)))
