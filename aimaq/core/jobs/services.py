"""Starting, running and restarting jobs. The worker is django-tasks' `db_worker`: one task,
`run_job_task(job_id)`, dispatches every kind to its registered runner."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..busy import retry_while_busy
from ..logs import where_raised
from .liveness import stalled_after, this_process
from .models import ACTIVE, Job, JobStatus
from .registry import kind as registered_kind

logger = logging.getLogger("aimaq.jobs")


class JobRefused(Exception):
    """Raised by a runner that found the work cannot be done as asked (a file with errors,
    a right revoked): the job ends `refused` with this message, and nothing is logged."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)


def enqueue_job(name: str, *, by=None, params: dict | None = None) -> Job:
    """Records a queued job of the registered kind `name` and queues it for the worker. On
    the database queue the task row is written in the caller's transaction, so the job and
    its task land together or not at all (a job recorded without its task would wait
    "queued" for ever); other task backends get the task once the transaction commits.
    The job's messages are written in the active language."""
    registered_kind(name)  # a typo fails here, not later in the worker
    job = Job.objects.create(
        kind=name,
        params=params or {},
        created_by=by if by is not None and getattr(by, "pk", None) else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    _queue(job.pk)
    return job


def _queue(job_id: int) -> None:
    if _queue_in_database():
        queue_task(job_id)
    else:
        transaction.on_commit(lambda: queue_task(job_id))


def _queue_in_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    from .tasks import run_job_task

    return isinstance(run_job_task.get_backend(), DatabaseBackend)


def queue_task(job_id: int) -> str:
    """Hands the job to the task backend; returns the task result's id."""
    from .tasks import run_job_task

    return str(run_job_task.enqueue(job_id).id)


def restart_stalled_job(job: Job) -> bool:
    """Queues again a job whose worker died mid-way. One UPDATE decides, so a double click
    (or two people) restarts it once; False when the job is not stalled."""
    job.refresh_from_db()
    if not job.is_stalled:
        return False
    with transaction.atomic():
        restarted = Job.objects.filter(
            pk=job.pk, status__in=ACTIVE, updated_at__lt=timezone.now() - stalled_after()
        ).update(status=JobStatus.QUEUED, done=0, worker="", message="", updated_at=timezone.now())
        if restarted:
            _queue(job.pk)
    if restarted:
        job.refresh_from_db()
    return bool(restarted)


def start_inline_job(name: str, *, by=None, params: dict | None = None) -> Job:
    """A job this process runs now (a command, a demo loader, a synchronous check),
    recorded like a queued one taken by this process: the caller does the work, reporting
    on it, and ends it with `finish_job` or `fail_job`."""
    registered_kind(name)
    now = timezone.now()
    return Job.objects.create(
        kind=name,
        status=JobStatus.RUNNING,
        params=params or {},
        created_by=by if by is not None and getattr(by, "pk", None) else None,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        started_at=now,
        worker=this_process(),
        attempts=1,
    )


def finish_job(job: Job, status: str, *, result=None, error: str = "") -> str:
    """Records how a job ended (done, refused or failed) with its result or its message."""
    return _finish(job, status, result=result, error=str(error))


def fail_job(job: Job, exc: BaseException) -> str:
    """Ends a job on an unexpected exception: logged once, told in the person's language."""
    _log_failure(job, exc)
    return _finish(job, JobStatus.FAILED, error=failure_message(exc))


def failure_message(exc: BaseException) -> str:
    return _(
        "It stopped on an unexpected error (%(error)s). Nothing of it was kept; "
        "try again, and tell the administrator if it happens again."
    ) % {"error": type(exc).__name__}


def run_job(job_id: int) -> str:
    """Takes a queued job (one UPDATE: a job queued twice runs once), runs its runner in the
    language of the person who started it, and records the outcome: `done` with the
    runner's result, `refused` (JobRefused) or `failed` (any other exception: logged once,
    without its message, which may quote personal data). Returns the final status."""
    now = timezone.now()
    taken = retry_while_busy(
        lambda: Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=now,
            updated_at=now,
            finished_at=None,
            error="",
            worker=this_process(),
            attempts=F("attempts") + 1,
        )
    )
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return ""
    if not taken:
        return job.status  # finished already, or another worker has it
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            runner = registered_kind(job.kind).runner
            result = runner(job)
        except JobRefused as refusal:
            return _finish(job, JobStatus.REFUSED, error=refusal.message)
        except Exception as exc:
            return fail_job(job, exc)
        return _finish(job, JobStatus.DONE, result=result)


def _finish(job: Job, status: str, *, result=None, error: str = "") -> str:
    now = timezone.now()
    fields: dict[str, object] = {
        "status": status,
        "finished_at": now,
        "updated_at": now,
        "error": error,
        "done": job.done,
        "total": job.total,
        "message": job.message,
    }
    if status == JobStatus.DONE:
        fields["result"] = result
        fields["done"] = max(job.done, job.total)
    # However long another import holds the database, the end is recorded.
    retry_while_busy(lambda: Job.objects.filter(pk=job.pk).update(**fields))
    for name, value in fields.items():
        setattr(job, name, value)
    return status


def _log_failure(job: Job, exc: BaseException) -> None:
    """One log record: the job, the exception's class and where it was raised, without the
    exception's text (`where_raised`)."""
    logger.error("Job %s (%s) failed: %s", job.pk, job.kind, where_raised(exc))
