"""Writing checked rows: new values inserted, changed ones updated with the old value kept
as an `ObservationRevision`, unchanged ones left alone. The caller holds the transaction.

Speed: rows come out of DuckDB in key order in chunks and go in with `executemany` on the
raw database connection (the same connection, so the same transaction as the ORM), or
`COPY` on PostgreSQL. On SQLite new rows go in in the unique key's order, so that index
grows by appending (measured at 6M rows: 14.1 s with it kept, 19.0 s dropped and rebuilt).
When a load brings more new rows than the table holds (a first load), the other indexes
(territory first; import run), which the key order would fill at random places, are dropped
and rebuilt after the insert, inside the same transaction: one sorted build is several times
faster than millions of scattered B-tree inserts.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from itertools import chain

from django.db import IntegrityError, connection
from django.utils import timezone

from aimaq.territories.models import Territory

from ..models import ImportRun, Indicator, Observation, ObservationRevision
from .validation import Checked

logger = logging.getLogger("aimaq.indicators.importing")
CHUNK = 100_000
ROWS_PER_INSERT = 200  # 800 bound values, far below SQLite's 32,766
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
        _insert_new(con, run, new)
    return {"new": new, "changed": changed, "unchanged": counts.get("unchanged", 0)}


def _chunks(con, query: str):
    result = con.execute(query)
    while rows := result.fetchmany(CHUNK):
        yield rows


def _insert_new(con, run: ImportRun, count: int) -> None:
    table = Observation._meta.db_table
    columns = (
        "indicator_id, territory_id, period, disaggregation, value, status, source, import_run_id"
    )
    query = (
        f"SELECT indicator_id, territory_id, period, dis, value, status, src, {int(run.pk)} "
        "FROM staged WHERE kind = 'new' ORDER BY indicator_id, territory_id, period, dis"
    )
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for rows in _chunks(con, query):
                for row in rows:
                    copy.write_row(row)
        return
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 8)})"
            for rows in _chunks(con, query):
                cursor.executemany(sql, rows)
        return
    raw = connection.connection
    started = time.perf_counter()
    indexes = _bulk_indexes(raw, table, count)
    for name, _sql in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    cache = raw.execute("PRAGMA cache_size").fetchone()[0]
    # 1 GiB of page cache while loading: SQLite's sorter sizes itself by it, and rebuilding
    # a 12-million-row index in memory takes half the time of one that spills to disk.
    raw.execute("PRAGMA cache_size = -1048576")
    try:
        # Columns that repeat (disaggregation, status, source, run) go into the statement as
        # literals, one statement per combination: four bound values a row instead of eight.
        groups = con.execute(
            "SELECT DISTINCT dis, status, src FROM staged WHERE kind = 'new' ORDER BY ALL"
        ).fetchall()
        for dis, status, src in groups:
            row_sql = f"(?, ?, ?, {_quote(dis)}, ?, {_quote(status)}, {_quote(src)}, {int(run.pk)})"
            single = f"INSERT INTO {table} ({columns}) VALUES {row_sql}"
            # Many rows per statement: half the cost of one statement a row in SQLite.
            multi = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join(
                [row_sql] * ROWS_PER_INSERT
            )
            # In key order: the unique index (always kept) then grows by appending to its
            # B-tree's last page instead of touching pages all over it.
            rows = con.execute(
                "SELECT indicator_id, territory_id, period, value FROM staged "
                "WHERE kind = 'new' AND dis = ? AND status = ? AND src = ? "
                "ORDER BY indicator_id, territory_id, period",
                [dis, status, src],
            )
            for chunk, flat in _prepared(rows):
                raw.executemany(multi, flat)
                if len(chunk) % ROWS_PER_INSERT:
                    raw.executemany(
                        single, chunk[len(chunk) // ROWS_PER_INSERT * ROWS_PER_INSERT :]
                    )
        logger.debug("import: rows inserted in %.2f s", time.perf_counter() - started)
        for name, index_sql in indexes:
            begun = time.perf_counter()
            raw.execute(index_sql)
            logger.debug("import: index %s rebuilt in %.2f s", name, time.perf_counter() - begun)
        logger.debug("import: indexes rebuilt in %.2f s", time.perf_counter() - started)
        if not raw.execute("PRAGMA foreign_keys").fetchone()[0]:
            _check_parents(con, raw, run)
    finally:
        raw.execute(f"PRAGMA cache_size = {int(cache)}")


def _prepared(rows):
    """(chunk, its rows flattened ROWS_PER_INSERT at a time). Flattening in a second thread
    while SQLite writes the previous chunk was measured too: no gain (the binding holds the
    GIL), so it stays one thread."""
    while chunk := rows.fetchmany(CHUNK):
        full = len(chunk) // ROWS_PER_INSERT * ROWS_PER_INSERT
        yield (
            chunk,
            [
                tuple(chain.from_iterable(chunk[i : i + ROWS_PER_INSERT]))
                for i in range(0, full, ROWS_PER_INSERT)
            ],
        )


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


def _quote(text: str) -> str:
    """An SQLite string literal (quotes doubled; SQLite has no backslash escapes)."""
    return "'" + str(text).replace("'", "''") + "'"


def _bulk_indexes(raw, table: str, count: int) -> list[tuple[str, str]]:
    """The table's indexes but the unique key when this load is big enough, and bigger than
    the table, to be worth rebuilding; otherwise none."""
    if count < BULK_LOAD_MIN:
        return []
    held = raw.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (count,)
    ).fetchone()[0]
    if held >= count:
        return []
    return raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE INDEX%'",
        (table,),
    ).fetchall()


def _write_changes(con, run: ImportRun) -> None:
    """Each changed value: its stored value, status and import run become a revision (read
    from the row itself, inside this transaction), then the row takes the new value."""
    observations = Observation._meta.db_table
    revisions = ObservationRevision._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    query = "SELECT obs_id, value, status, src FROM staged WHERE kind = 'changed' ORDER BY obs_id"
    insert = (
        f"INSERT INTO {revisions} (observation_id, value, status, import_run_id, replaced_by_id, "
        f"replaced_at) SELECT id, value, status, import_run_id, %s, %s FROM {observations} "
        "WHERE id = %s"
    )
    update = (
        f"UPDATE {observations} SET value = %s, status = %s, source = %s, import_run_id = %s "
        f"WHERE id = %s"
    )
    with connection.cursor() as cursor:
        for rows in _chunks(con, query):
            cursor.executemany(insert, [(run.pk, now, r[0]) for r in rows])
            cursor.executemany(update, [(r[1], r[2], r[3], run.pk, r[0]) for r in rows])
