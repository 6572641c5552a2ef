"""Writing checked rows: new values inserted, changed ones updated with the old value kept
as an `ObservationRevision`, unchanged ones left alone. The caller holds the transaction.

Speed: rows come out of DuckDB in key order in chunks and go in with `executemany` on the
raw database connection (the same connection, so the same transaction as the ORM), or
`COPY` on PostgreSQL. When a load brings more new rows than the table holds (a first load),
SQLite's indexes on observations are dropped and rebuilt after the insert, inside the same
transaction: one sorted build is several times faster than millions of B-tree inserts, and
the rebuilt unique index re-checks every key, so a mistake can only roll everything back.
"""

from __future__ import annotations

import logging
import time
from itertools import chain

from django.db import connection
from django.utils import timezone

from ..models import ImportRun, Observation, ObservationRevision
from .validation import Checked

logger = logging.getLogger("aimaq.indicators.importing")
CHUNK = 100_000
ROWS_PER_INSERT = 200  # 800 bound values, far below SQLite's 32,766
BULK_LOAD_MIN = 200_000


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
            # In key order when the indexes stay (neighbouring B-tree pages); a bulk load
            # rebuilds them by sorting anyway.
            order = "" if indexes else " ORDER BY indicator_id, territory_id, period"
            rows = con.execute(
                "SELECT indicator_id, territory_id, period, value FROM staged "
                "WHERE kind = 'new' AND dis = ? AND status = ? AND src = ?" + order,
                [dis, status, src],
            )
            while chunk := rows.fetchmany(CHUNK):
                full = len(chunk) // ROWS_PER_INSERT * ROWS_PER_INSERT
                raw.executemany(
                    multi,
                    (
                        tuple(chain.from_iterable(chunk[i : i + ROWS_PER_INSERT]))
                        for i in range(0, full, ROWS_PER_INSERT)
                    ),
                )
                if full < len(chunk):
                    raw.executemany(single, chunk[full:])
        logger.debug("import: rows inserted in %.2f s", time.perf_counter() - started)
        for _name, index_sql in indexes:
            raw.execute(index_sql)
        logger.debug("import: indexes rebuilt in %.2f s", time.perf_counter() - started)
    finally:
        raw.execute(f"PRAGMA cache_size = {int(cache)}")


def _quote(text: str) -> str:
    """An SQLite string literal (quotes doubled; SQLite has no backslash escapes)."""
    return "'" + str(text).replace("'", "''") + "'"


def _bulk_indexes(raw, table: str, count: int) -> list[tuple[str, str]]:
    """The table's indexes when this load is big enough, and bigger than the table, to be
    worth rebuilding; otherwise none."""
    if count < BULK_LOAD_MIN:
        return []
    held = raw.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (count,)
    ).fetchone()[0]
    if held >= count:
        return []
    return raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()


def _write_changes(con, run: ImportRun) -> None:
    observations = Observation._meta.db_table
    revisions = ObservationRevision._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    query = (
        "SELECT obs_id, old_value, old_status, old_run, value, status, src FROM staged "
        "WHERE kind = 'changed' ORDER BY obs_id"
    )
    insert = (
        f"INSERT INTO {revisions} (observation_id, value, status, import_run_id, replaced_by_id, "
        f"replaced_at) VALUES (%s, %s, %s, %s, %s, %s)"
    )
    update = (
        f"UPDATE {observations} SET value = %s, status = %s, source = %s, import_run_id = %s "
        f"WHERE id = %s"
    )
    with connection.cursor() as cursor:
        for rows in _chunks(con, query):
            cursor.executemany(
                insert,
                [(r[0], r[1], r[2], r[3], run.pk, now) for r in rows],
            )
            cursor.executemany(update, [(r[4], r[5], r[6], run.pk, r[0]) for r in rows])
