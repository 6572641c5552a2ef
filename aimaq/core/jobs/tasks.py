"""The one django-tasks task behind every job (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def run_job_task(job_id: int) -> str:
    """Runs the job `job_id` with its registered runner; returns its final status."""
    from .services import run_job

    return run_job(job_id)
