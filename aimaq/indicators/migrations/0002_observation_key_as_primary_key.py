"""Observations keyed by their key: (indicator, territory, period, disaggregation), until now
a unique index beside an id, becomes the primary key, and on SQLite the table is stored
WITHOUT ROWID in that order (see aimaq/indicators/storage.py). The territory and import-run
indexes go: reads list their indicators and use the key. Revisions name the key of the
observation they belonged to. Stored values are kept. There is no way back: the ids the
observations had are not kept."""

import django.db.models.deletion
from django.db import migrations, models

from aimaq.indicators.storage import store_without_rowid

COLUMNS = (
    "indicator_id, territory_id, period, disaggregation, value, status, source, import_run_id"
)


def rekey_observations(apps, schema_editor):
    model = apps.get_model("indicators", "Observation")
    table = schema_editor.quote_name(model._meta.db_table)
    kept = schema_editor.quote_name(f"{model._meta.db_table}__by_id")
    schema_editor.execute(f"CREATE TABLE {kept} AS SELECT {COLUMNS} FROM {table}")
    schema_editor.execute(f"DROP TABLE {table}")
    schema_editor.create_model(model)
    store_without_rowid(schema_editor, model)
    schema_editor.execute(
        f"INSERT INTO {table} ({COLUMNS}) SELECT {COLUMNS} FROM {kept} "
        "ORDER BY indicator_id, territory_id, period, disaggregation"
    )
    schema_editor.execute(f"DROP TABLE {kept}")


FILL_REVISION_KEYS = """
UPDATE indicators_observationrevision SET
    indicator_id = (SELECT o.indicator_id FROM indicators_observation o
                    WHERE o.id = indicators_observationrevision.observation_id),
    territory_id = (SELECT o.territory_id FROM indicators_observation o
                    WHERE o.id = indicators_observationrevision.observation_id),
    period = (SELECT o.period FROM indicators_observation o
              WHERE o.id = indicators_observationrevision.observation_id),
    disaggregation = (SELECT o.disaggregation FROM indicators_observation o
                      WHERE o.id = indicators_observationrevision.observation_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("territories", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="focus",
            field=models.JSONField(blank=True, default=dict),
        ),
        # Revisions: the observation's key instead of its id.
        migrations.AddField(
            model_name="observationrevision",
            name="indicator",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="indicators.indicator",
            ),
        ),
        migrations.AddField(
            model_name="observationrevision",
            name="territory",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="territories.territory",
            ),
        ),
        migrations.AddField(
            model_name="observationrevision",
            name="period",
            field=models.CharField(default="", max_length=7),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="observationrevision",
            name="disaggregation",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunSQL(FILL_REVISION_KEYS, migrations.RunSQL.noop),
        migrations.RemoveField(model_name="observationrevision", name="observation"),
        migrations.AlterField(
            model_name="observationrevision",
            name="indicator",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="indicators.indicator",
            ),
        ),
        migrations.AlterField(
            model_name="observationrevision",
            name="territory",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="territories.territory",
            ),
        ),
        migrations.AddIndex(
            model_name="observationrevision",
            index=models.Index(
                fields=["indicator", "territory", "period", "disaggregation"],
                name="indicators__indicat_2919e2_idx",
            ),
        ),
        # Observations: the new model in the migration state, then the table built for it.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="observation", name="one_value_per_observation_key"
                ),
                migrations.RemoveIndex(
                    model_name="observation", name="indicators__territo_b9163b_idx"
                ),
                migrations.RemoveField(model_name="observation", name="id"),
                migrations.AddField(
                    model_name="observation",
                    name="pk",
                    field=models.CompositePrimaryKey(
                        "indicator_id",
                        "territory_id",
                        "period",
                        "disaggregation",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                migrations.AlterField(
                    model_name="observation",
                    name="import_run",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="indicators.importrun",
                    ),
                ),
            ]
        ),
        migrations.RunPython(rekey_observations, elidable=False),
    ]
