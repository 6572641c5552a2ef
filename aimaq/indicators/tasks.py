"""Background jobs of the indicators app (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def import_observations_task(import_run_id: int) -> str:
    """Runs a confirmed import; progress and outcome are recorded on the ImportRun."""
    from .models import ImportRun
    from .services import run_import

    run = ImportRun.objects.get(pk=import_run_id)
    return run_import(run, by=run.created_by).status
