"""Writing checked rows: new values inserted, changed ones updated with the old value kept
as an `ObservationRevision`, unchanged ones left alone. The caller holds the transaction.

Speed: rows come out of DuckDB in key order and go in on the raw database connection (the
same connection, so the same transaction as the ORM): `COPY` on PostgreSQL, `executemany`
on SQLite (appending.py). There the observations table is its key's B-tree (storage.py), so
new rows in key order are appended to its last page, and no other index is kept up to date.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from django.db import IntegrityError, connection
from django.utils import timezone

from aimaq.territories.models import Territory

from ..models import ImportRun, Indicator, Observation, ObservationRevision
from .appending import append_new
from .types import STORED_COLUMNS
from .validation import Checked

logger = logging.getLogger("aimaq.indicators.importing")
CHUNK = 100_000
BULK_LOAD_MIN = 200_000


@contextmanager
def foreign_keys_relaxed(new: int):
    """Around the write transaction of a bulk load on SQLite: SQLite's per-row foreign key
    checks off (they cost ~0.4 µs a row, 30% of an insert, measured on 4M rows). Every new
    row's indicator and territory were taken from the database by the check, and
    `_check_parents` proves them all still there, inside the write transaction, before it
    commits. SQLite only lets the setting change outside a transaction: when one is open
    (tests), or for a smaller load, nothing changes."""
    relaxed = (
        connection.vendor == "sqlite"
        and new >= BULK_LOAD_MIN
        and not connection.in_atomic_block
        and connection.disable_constraint_checking()
    )
    try:
        yield
    finally:
        if relaxed:
            connection.enable_constraint_checking()


def write(checked: Checked, run: ImportRun) -> dict[str, int]:
    con = checked.con
    counts = dict(con.execute("SELECT kind, count(*) FROM staged GROUP BY kind").fetchall())
    new, changed = counts.get("new", 0), counts.get("changed", 0)
    if changed:
        _write_changes(con, run)
    if new:
        _insert_new(con, run)
    return {"new": new, "changed": changed, "unchanged": counts.get("unchanged", 0)}


def _chunks(con, query: str):
    result = con.execute(query)
    while rows := result.fetchmany(CHUNK):
        yield rows


def _insert_new(con, run: ImportRun) -> None:
    table = Observation._meta.db_table
    columns = ", ".join(STORED_COLUMNS)
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        query = (
            f"SELECT indicator_id, territory_id, period, dis, value, status, src, {int(run.pk)} "
            "FROM staged WHERE kind = 'new' ORDER BY indicator_id, territory_id, period, dis"
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for rows in _chunks(con, query):
                        for row in rows:
                            copy.write_row(row)
                return
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 8)})"
            for rows in _chunks(con, query):
                cursor.executemany(sql, rows)
        return
    raw = connection.connection
    started = time.perf_counter()
    append_new(con, raw, table, run.pk)
    logger.debug("import: rows inserted in %.2f s", time.perf_counter() - started)
    if not raw.execute("PRAGMA foreign_keys").fetchone()[0]:
        _check_parents(con, raw, run)


def _check_parents(con, raw, run: ImportRun) -> None:
    """What the foreign keys would have checked, for the new rows: their indicators, their
    territories and their import run all exist. Raises IntegrityError (so nothing lands)."""
    for model, column in ((Indicator, "indicator_id"), (Territory, "territory_id")):
        ids = [
            row[0]
            for row in con.execute(
                f"SELECT DISTINCT {column} FROM staged WHERE kind = 'new'"
            ).fetchall()
        ]
        found = 0
        for start in range(0, len(ids), 500):
            part = ", ".join(str(int(pk)) for pk in ids[start : start + 500])
            found += raw.execute(
                f"SELECT count(*) FROM {model._meta.db_table} WHERE id IN ({part})"
            ).fetchone()[0]
        if found != len(ids):
            raise IntegrityError(
                f"{len(ids) - found} {column} values of new observations are not in "
                f"{model._meta.db_table}"
            )
    table = ImportRun._meta.db_table
    if not raw.execute(f"SELECT count(*) FROM {table} WHERE id = ?", (run.pk,)).fetchone()[0]:
        raise IntegrityError(f"import run {run.pk} is not in {table}")


def _write_changes(con, run: ImportRun) -> None:
    """Each changed value: its stored value, status and import run become a revision (read
    from the row itself, inside this transaction), then the row takes the new value."""
    observations = Observation._meta.db_table
    revisions = ObservationRevision._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    key = "indicator_id = %s AND territory_id = %s AND period = %s AND disaggregation = %s"
    query = (
        "SELECT indicator_id, territory_id, period, dis, value, status, src FROM staged "
        "WHERE kind = 'changed' ORDER BY indicator_id, territory_id, period, dis"
    )
    insert = (
        f"INSERT INTO {revisions} (indicator_id, territory_id, period, disaggregation, value, "
        "status, import_run_id, replaced_by_id, replaced_at) "
        "SELECT indicator_id, territory_id, period, disaggregation, value, status, "
        f"import_run_id, %s, %s FROM {observations} WHERE {key}"
    )
    update = (
        f"UPDATE {observations} SET value = %s, status = %s, source = %s, import_run_id = %s "
        f"WHERE {key}"
    )
    with connection.cursor() as cursor:
        for rows in _chunks(con, query):
            cursor.executemany(insert, [(run.pk, now, *row[:4]) for row in rows])
            cursor.executemany(update, [(*row[4:], run.pk, *row[:4]) for row in rows])
