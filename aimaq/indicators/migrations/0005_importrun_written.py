"""Import runs remember what their preview shows (header and roles, how names were read, the
first changed values, values left out by the period filter), which indicators they hold and
when their values were written; values may be projections. The status choices change no
column; the observations table stays WITHOUT ROWID (checked again below)."""

from django.db import migrations, models

from aimaq.indicators.storage import store_without_rowid

STATUSES = [
    ("provisional", "provisional"),
    ("final", "final"),
    ("projection", "projection or forecast"),
]


def keep_observations_without_rowid(apps, schema_editor):
    store_without_rowid(schema_editor, apps.get_model("indicators", "Observation"))


def mark_written_runs(apps, schema_editor):
    """Runs whose write finished wrote their values (and their revisions are history)."""
    ImportRun = apps.get_model("indicators", "ImportRun")
    for run in ImportRun.objects.filter(write_job__status="done").select_related("write_job"):
        run.written_at = run.write_job.finished_at or run.created_at
        run.save(update_fields=["written_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0004_importrun_on_core_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="indicators",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="importrun",
            name="written_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="importrun", name="columns", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="importrun", name="roles", field=models.JSONField(blank=True, default=dict)
        ),
        migrations.AddField(
            model_name="importrun", name="matches", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="importrun", name="changes", field=models.JSONField(blank=True, default=list)
        ),
        migrations.AddField(
            model_name="importrun", name="left_out", field=models.PositiveIntegerField(default=0)
        ),
        migrations.AlterField(
            model_name="observation",
            name="status",
            field=models.CharField(choices=STATUSES, default="final", max_length=12),
        ),
        migrations.AlterField(
            model_name="observationrevision",
            name="status",
            field=models.CharField(choices=STATUSES, max_length=12),
        ),
        migrations.RunPython(keep_observations_without_rowid, migrations.RunPython.noop),
        migrations.RunPython(mark_written_runs, migrations.RunPython.noop),
    ]
