"""Import runs made before imports became core jobs keep their status, counts and progress."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("indicators", "0003_importrun_progress")]
AFTER = [("indicators", "0004_importrun_on_core_jobs")]


@pytest.mark.django_db(transaction=True)
def test_existing_runs_keep_their_status_progress_and_history():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldRun = old_apps.get_model("indicators", "ImportRun")
    long_ago = timezone.now() - timedelta(hours=2)
    made = {}
    for status in ("preview", "refused", "queued", "writing", "done", "failed"):
        run = OldRun.objects.create(
            file_name=f"{status}.csv",
            file_format="csv",
            file=f"imports/2026/11/{status}.csv",
            status=status,
            rows_total=10,
            rows_done=4 if status == "writing" else 10,
            new=10,
            errors=[{"row": 2, "column": "value", "value": "x", "expected": "a number"}]
            if status in ("refused", "failed")
            else [],
            worker="gone-host:1" if status == "writing" else "",
        )
        OldRun.objects.filter(pk=run.pk).update(updated_at=long_ago)
        made[status] = run.pk
    cli = OldRun.objects.create(file_name="national.csv", file_format="csv", status="done")
    made["cli"] = cli.pk

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from aimaq.indicators.models import ImportRun

    runs = {key: ImportRun.objects.get(pk=pk) for key, pk in made.items()}
    assert {key: run.status for key, run in runs.items()} == {
        "preview": "preview",
        "refused": "refused",
        "queued": "queued",
        "writing": "writing",
        "done": "done",
        "failed": "failed",
        "cli": "done",
    }
    writing = runs["writing"]
    assert (writing.rows_done, writing.write_job.total) == (4, 10)
    assert writing.is_stalled  # silent for two hours, its worker gone: it may run again
    assert runs["cli"].check_job is None and runs["cli"].write_job.status == "done"
    assert "a number" in runs["failed"].write_job.error
    assert runs["preview"].may_confirm and not runs["done"].may_confirm
