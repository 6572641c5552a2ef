"""Upgrading a SQLite file made by earlier versions: observations move to a table WITHOUT ROWID
with every value and revision kept, and import runs made before imports became core jobs keep
their status, counts and progress."""

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest

from aimaq.testing.migrations import manage, sqlite_env

pytestmark = pytest.mark.migrations


def test_an_upgraded_file_keeps_values_revisions_and_import_history(tmp_path):
    # One `manage.py` process migrates step by step, and the rows of the earlier versions are
    # written between the steps through a connection of their own (a process per step cost a
    # Django start and a migration graph each: a third of this test's time).
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps({"rows": OLD_ROWS, "run": OLD_RUN, "runs": old_runs()}))
    env = {**sqlite_env(tmp_path / "old.sqlite3"), "AIMAQ_UPGRADE_STEPS": str(steps)}
    runs = json.loads(manage(env, "shell", "-v", "0", "-c", UPGRADE))

    with closing(sqlite3.connect(tmp_path / "old.sqlite3")) as upgraded:
        observations = upgraded.execute(
            "SELECT indicator_id, territory_id, period, value, source, import_run_id "
            "FROM indicators_observation"
        ).fetchall()
        revisions = upgraded.execute(
            "SELECT indicator_id, territory_id, period, disaggregation, value, status "
            "FROM indicators_observationrevision"
        ).fetchall()
        (layout,) = upgraded.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'indicators_observation'"
        ).fetchone()
    assert observations == [(1, 1, "2022", 4.4, "BNS", 1), (1, 1, "2023", 4.9, "BNS", 1)]
    assert revisions == [(1, 1, "2023", "", 5.2, "provisional")]
    assert layout.endswith("WITHOUT ROWID")

    assert {name: run["status"] for name, run in runs.items()} == {
        "a.csv": "done",
        "preview.csv": "preview",
        "refused.csv": "refused",
        "queued.csv": "queued",
        "writing.csv": "writing",
        "done.csv": "done",
        "failed.csv": "failed",
        "national.csv": "done",
    }
    assert runs["writing.csv"]["progress"] == [4, 10]
    assert runs["writing.csv"]["stalled"]  # silent for two hours, its worker gone: may run again
    assert runs["national.csv"]["check"] is None and runs["national.csv"]["write"] == "done"
    assert "a number" in runs["failed.csv"]["error"]
    assert runs["preview.csv"]["may_confirm"] and not runs["done.csv"]["may_confirm"]


OLD_ROWS = """
INSERT INTO territories_territory (id, name_kk, name_ru, name_en, kato, level, population,
    boundary_source, valid_from) VALUES (1, 'Қ', 'К', 'K', '350000000', 'oblast', 0, '',
    '2020-01-01');
INSERT INTO indicators_indicator (id, name_kk, name_ru, name_en, code, unit_kk, unit_ru,
    unit_en, decimals, direction, theme, periodicity, aggregation, source, factor, sdg_target,
    is_demo) VALUES (1, 'а', 'б', 'c', 'unemployment', '', '', '', 1, 'lower', 'social',
    'year', 'sum', '', 1, '', 0);
INSERT INTO indicators_importrun (id, created_at, file_name, file, file_format, options,
    status, rows_total, rows_done, new, changed, unchanged, refused, skipped, error_count,
    errors) VALUES (1, '2026-01-01', 'a.csv', '', 'csv', '{}', 'done', 2, 2, 2, 0, 0, 0, 0,
    0, '[]');
INSERT INTO indicators_observation (id, indicator_id, territory_id, period, disaggregation,
    value, status, source, import_run_id) VALUES
    (7, 1, 1, '2023', '', 4.9, 'final', 'BNS', 1),
    (3, 1, 1, '2022', '', 4.4, 'final', 'BNS', 1);
INSERT INTO indicators_observationrevision (observation_id, value, status, import_run_id,
    replaced_by_id, replaced_at) VALUES (7, 5.2, 'provisional', NULL, 1, '2026-01-02');
"""

OLD_RUN = """
INSERT INTO indicators_importrun (created_at, updated_at, file_name, file, file_format,
    options, focus, status, rows_total, rows_done, new, changed, unchanged, refused, skipped,
    error_count, errors, worker) VALUES (?, ?, ?, ?, 'csv', '{}', '{}', ?, ?, ?, ?, 0, 0, 0,
    0, ?, ?, ?)
"""


def old_runs() -> list[tuple]:
    """A run in every status an import had, two hours silent, and one from the command line
    (no file kept)."""
    long_ago = (datetime.now(UTC) - timedelta(hours=2)).isoformat(" ")
    error = json.dumps([{"row": 2, "column": "value", "value": "x", "expected": "a number"}])
    rows = []
    for status in ("preview", "refused", "queued", "writing", "done", "failed"):
        failed = status in ("refused", "failed")
        rows.append(
            (long_ago, long_ago, f"{status}.csv", f"imports/2026/11/{status}.csv", status, 10,
             4 if status == "writing" else 10, 10, int(failed), error if failed else "[]",
             "gone-host:1" if status == "writing" else "")
        )  # fmt: skip
    rows.append((long_ago, long_ago, "national.csv", "", "done", 0, 0, 0, 0, "[]", ""))
    return rows


UPGRADE = """
import json
import os
import sqlite3
from contextlib import closing

from django.conf import settings
from django.core.management import call_command

steps = json.loads(open(os.environ["AIMAQ_UPGRADE_STEPS"]).read())


def written_by_an_earlier_version(write):
    with closing(sqlite3.connect(settings.DATABASES["default"]["NAME"])) as old, old:
        write(old)


call_command("migrate", "indicators", "0001", verbosity=0)
written_by_an_earlier_version(lambda old: old.executescript(steps["rows"]))
call_command("migrate", "indicators", "0003", verbosity=0)
written_by_an_earlier_version(lambda old: old.executemany(steps["run"], steps["runs"]))
call_command("migrate", "indicators", verbosity=0)

from aimaq.indicators.models import ImportRun
print(json.dumps({
    run.file_name: {
        "status": run.status,
        "progress": [run.rows_done, run.write_job.total] if run.write_job else None,
        "stalled": run.is_stalled,
        "check": run.check_job and run.check_job.status,
        "write": run.write_job and run.write_job.status,
        "error": run.write_job.error if run.write_job else "",
        "may_confirm": run.may_confirm,
    }
    for run in ImportRun.objects.all()
}))
"""
