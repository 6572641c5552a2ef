"""Import runs keep their own data (file, options, counts, errors, focus); status, progress
and worker move to core jobs: each run gets the check job and write job its old status
implies, so existing runs keep their history, and a run in progress can still be run again."""

import django.db.models.deletion
from django.db import migrations, models

CHECK, WRITE = "core.import_check", "core.import_write"
# Old run status → (check job status, write job status or None).
JOBS_OF_STATUS = {
    "validating": ("done", "running"),  # only a confirmed (or command-line) run validated
    "preview": ("done", None),
    "refused": ("refused", None),
    "queued": ("done", "queued"),
    "writing": ("done", "running"),
    "done": ("done", "done"),
    "failed": ("done", "failed"),
}


def runs_to_jobs(apps, schema_editor):
    ImportRun = apps.get_model("indicators", "ImportRun")
    Job = apps.get_model("core", "Job")
    for run in ImportRun.objects.all().iterator():
        check_status, write_status = JOBS_OF_STATUS.get(run.status, ("done", "failed"))
        params = {"model": "indicators.importrun", "record": run.pk}
        common = {"created_by_id": run.created_by_id, "params": params, "attempts": 1}
        check = None
        if run.file or write_status is None:  # a command-line run kept no file and had no check
            check = Job.objects.create(
                kind=CHECK,
                status=check_status,
                done=run.rows_total,
                total=run.rows_total,
                started_at=run.created_at,
                finished_at=run.created_at,
                error=_first_error(run) if check_status == "refused" else "",
                **common,
            )
            Job.objects.filter(pk=check.pk).update(created_at=run.created_at, updated_at=run.created_at)
        write = None
        if write_status is not None:
            write = Job.objects.create(
                kind=WRITE,
                status=write_status,
                done=run.rows_done,
                total=run.rows_total,
                started_at=None if write_status == "queued" else run.created_at,
                finished_at=run.finished_at,
                worker=run.worker,
                error=_first_error(run) if write_status == "failed" else "",
                **common,
            )
            Job.objects.filter(pk=write.pk).update(created_at=run.created_at, updated_at=run.updated_at)
        ImportRun.objects.filter(pk=run.pk).update(
            check_job=check,
            write_job=write,
            confirmed_at=run.created_at if write is not None else None,
        )


def _first_error(run) -> str:
    if not run.errors:
        return ""
    error = run.errors[0]
    return f"{error.get('value', '')}: {error.get('expected', '')}"[:500]


def jobs_to_runs(apps, schema_editor):
    ImportRun = apps.get_model("indicators", "ImportRun")
    write_status = {"queued": "queued", "running": "writing", "done": "done", "failed": "failed",
                    "refused": "refused"}  # fmt: skip
    check_status = {"queued": "validating", "running": "validating", "done": "preview",
                    "failed": "failed", "refused": "refused"}  # fmt: skip
    for run in ImportRun.objects.select_related("check_job", "write_job").iterator():
        job = run.write_job or run.check_job
        if job is None:
            continue
        status = (write_status if run.write_job else check_status)[job.status]
        ImportRun.objects.filter(pk=run.pk).update(
            status=status, rows_done=job.done, finished_at=job.finished_at, worker=job.worker
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_jobs"),
        ("indicators", "0003_importrun_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="check_job",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="core.job"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="importrun",
            name="write_job",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="core.job"),
        ),
        migrations.RunPython(runs_to_jobs, jobs_to_runs),
        migrations.RemoveField(model_name="importrun", name="finished_at"),
        migrations.RemoveField(model_name="importrun", name="rows_done"),
        migrations.RemoveField(model_name="importrun", name="status"),
        migrations.RemoveField(model_name="importrun", name="updated_at"),
        migrations.RemoveField(model_name="importrun", name="worker"),
    ]
