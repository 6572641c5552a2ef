"""A piece of background work a person started: what it is, how far it got, what it made."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..busy import is_database_busy
from .liveness import process_alive, stalled_after, worker_late_after

# Progress is written at most this often (seconds), except for the last step or a new
# message: a runner may report every row without flooding the database.
REPORT_EVERY = 0.5


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    REFUSED = "refused", _("refused")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
FINISHED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.REFUSED)


class Job(models.Model):
    """One run of a registered runner (`register_job`), queued on the database worker.

    Status moves queued → running → done, failed or refused, each step committed on its
    own. `updated_at` moves with every progress report: work that stops moving while its
    worker process is gone was interrupted (`is_stalled`) and may be run again.
    """

    kind = models.CharField(_("kind"), max_length=100)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    result = models.JSONField(_("result"), null=True, blank=True, encoder=DjangoJSONEncoder)
    # Shown to the person who started it, in their language; never a traceback.
    error = models.TextField(_("error"), blank=True)
    output = models.FileField(_("output"), upload_to="jobs/%Y/%m/", blank=True)
    output_name = models.CharField(_("output file name"), max_length=255, blank=True)
    output_type = models.CharField(_("output content type"), max_length=100, blank=True)
    # The interface language of the person who started it: messages and errors are written in it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last sign of life"), auto_now=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=128, blank=True)  # "host:pid"
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    # --- what the pages show --------------------------------------------------------------

    @property
    def label(self) -> str:
        """What runs, in the active language ("Territory profile document")."""
        from .registry import label_of

        return str(label_of(self.kind))

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def is_stalled(self) -> bool:
        """Queued or running, no sign of life for longer than any step takes, and its worker
        process gone (when it ran on this machine; elsewhere, time alone decides)."""
        return (
            self.is_active
            and self.updated_at is not None
            and self.updated_at < timezone.now() - stalled_after()
            and not process_alive(self.worker)
        )

    @property
    def is_running(self) -> bool:
        """Still moving: the progress page keeps polling."""
        return self.is_active and not self.is_stalled

    @property
    def is_waiting_long(self) -> bool:
        """Queued and not taken by a worker for minutes: is one running at all?"""
        return (
            self.status == JobStatus.QUEUED
            and not self.is_stalled
            and self.updated_at is not None
            and self.updated_at < timezone.now() - worker_late_after()
        )

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))

    @property
    def progress_url(self) -> str:
        return reverse("core:job_progress", args=[self.pk])

    @property
    def output_url(self) -> str:
        return reverse("core:job_output", args=[self.pk]) if self.output else ""

    # --- what a runner calls ---------------------------------------------------------------

    def report(self, done: int | None = None, total: int | None = None, message=None) -> None:
        """Records progress, committed at once (outside a transaction; inside one, the
        progress shows when it commits). Frequent calls are thinned to one write each
        REPORT_EVERY seconds, except when the work reaches its total or the message changes."""
        fields: dict[str, object] = {}
        if done is not None:
            fields["done"] = max(0, int(done))
        if total is not None:
            fields["total"] = max(0, int(total))
        if message is not None:
            fields["message"] = str(message)[:255]
        for name, value in fields.items():
            setattr(self, name, value)
        now = time.monotonic()
        due = (
            "message" in fields
            or (self.total and self.done >= self.total)
            or now - getattr(self, "_reported_at", 0.0) >= REPORT_EVERY
        )
        if not due or self.pk is None:
            return
        self._reported_at = now
        self.updated_at = timezone.now()
        try:
            Job.objects.filter(pk=self.pk).update(
                done=self.done, total=self.total, message=self.message, updated_at=self.updated_at
            )
        except OperationalError as exc:
            # Progress is told again at the next report: a database locked by another
            # import must not end the work (inside a transaction the error must propagate).
            if connection.in_atomic_block or not is_database_busy(exc):
                raise

    def attach_output(self, file_name: str, data: bytes, content_type: str) -> None:
        """Keeps `data` as the job's downloadable output, named `file_name`."""
        self.output.save(file_name, ContentFile(data), save=False)
        self.output_name = file_name[:255]
        self.output_type = content_type[:100]
        Job.objects.filter(pk=self.pk).update(
            output=self.output.name,
            output_name=self.output_name,
            output_type=self.output_type,
            updated_at=timezone.now(),
        )
