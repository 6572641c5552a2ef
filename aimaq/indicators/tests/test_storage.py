"""The observations table: keyed by its key, stored WITHOUT ROWID on SQLite, and migrated
there from the earlier layout with every value and revision kept."""

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from aimaq.indicators.storage import is_without_rowid

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_no_index_beside_the_key():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "indicators_observation")
    indexes = {name for name, c in constraints.items() if c["index"] and not c["primary_key"]}
    assert not indexes - {"__primary__"}  # SQLite names its key's index, others not


@pytest.mark.django_db
def test_sqlite_keeps_observations_in_their_keys_btree():
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite storage layout")
    assert is_without_rowid(connection, "indicators_observation")


def migrate(database: Path, *target: str) -> None:
    """`manage.py migrate` on a SQLite file, as a person upgrading runs it."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["AIMAQ_SQLITE_PATH"] = str(database)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", *target, "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@pytest.mark.slow  # migrates a SQLite file of its own, whatever the test database
def test_migration_keeps_values_and_revisions(tmp_path):
    database = tmp_path / "old.sqlite3"
    migrate(database, "indicators", "0001")
    with closing(sqlite3.connect(database)) as old:
        old.executescript(OLD_ROWS)
    migrate(database)
    with closing(sqlite3.connect(database)) as upgraded:
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
