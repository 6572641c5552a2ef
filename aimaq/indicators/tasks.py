"""Background work of the indicators app. Imports run as core jobs (`aimaq.core.jobs`, the
import flow in `aimaq.core.tabular.flow`); this task stays so that imports queued before
that change still run when the worker takes them."""

from django_tasks import task


@task()
def import_observations_task(import_run_id: int) -> str:
    """Runs a confirmed import queued by an earlier version: its write job (made by the
    migration that moved imports onto core jobs)."""
    from aimaq.core.jobs import run_job

    from .models import ImportRun
    from .services import run_import

    run = ImportRun.objects.select_related("write_job").get(pk=import_run_id)
    if run.write_job_id is not None:
        run_job(run.write_job_id)
        run.refresh_from_db()
        return run.status
    return run_import(run, by=run.created_by).status
