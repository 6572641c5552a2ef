"""Writing checked rows: new values inserted, changed ones updated with the old value kept
as an `ObservationRevision`, unchanged ones left alone — the values in one transaction.

    with prepared_write(checked, run) as write:        # the site's database stays free
        with foreign_keys_relaxed(new), transaction.atomic():
            counts = write()                             # the one short transaction

On SQLite one connection writes at a time, so the rest of the site (a sign-in, a territory
edit, another upload) must not wait on an import's Python loops. `prepared_write` does the
long part before the write lock is taken:
- it copies the accepted rows out of DuckDB into two TEMP tables of the worker's own
  connection (`aimaq_import_new`, `aimaq_import_changed`); SQLite keeps TEMP tables in a
  private database, so filling them takes no lock on the site's database;
- it writes the revisions of the values to be replaced (their stored value, status and
  import run, read by the check) in short transactions of REVISION_CHUNK rows. They are not
  history until the run's values are written (`ObservationRevision.objects.replaced()`
  reads only revisions of runs with `written_at`); a failed write deletes them again.
`write()` then checks that no other import wrote values of the same indicators since the
check read them (else `WrittenMeanwhile`: nothing lands, the caller checks again), and
lands the rows with two INSERT … SELECT statements that SQLite runs in C: the changed values
by upsert, the new ones appended in key order. The lock is held for that swap only, and an
interrupted import leaves nothing: the TEMP tables die with the connection, the swap is one
transaction, and revisions of a run never written are not history (and are deleted when it
runs again or by `manage.py delete_import_files`). benchmarks/import_lock.py measures it.

On PostgreSQL (no database-wide write lock) the rows go straight in, in the transaction:
`COPY` for new ones, each changed one's revision read from its row, then the update.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from aimaq.territories.models import Territory

from ..models import ImportRun, Indicator, Observation, ObservationRevision
from .appending import append_new
from .types import STORED_COLUMNS
from .validation import Checked

logger = logging.getLogger("aimaq.indicators.importing")
CHUNK = 100_000
REVISION_CHUNK = 20_000  # revisions written per short transaction before the swap
BULK_LOAD_MIN = 200_000
NEW_TABLE = "aimaq_import_new"
CHANGED_TABLE = "aimaq_import_changed"
KEY = ("indicator_id", "territory_id", "period", "disaggregation")


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


def counts_of(checked: Checked) -> dict[str, int]:
    counts = dict(checked.con.execute("SELECT kind, count(*) FROM staged GROUP BY kind").fetchall())
    return {kind: int(counts.get(kind, 0)) for kind in ("new", "changed", "unchanged")}


class WrittenMeanwhile(Exception):
    """Another import wrote values of the same indicators after this one's check read the
    stored values: this one's comparison (and the revisions it prepared) may be stale."""


@contextmanager
def prepared_write(checked: Checked, run: ImportRun) -> Iterator[Callable[[], dict[str, int]]]:
    """The rows of `checked` made ready to land; yields the function that writes them,
    to be called inside the caller's transaction (it sets `run.written_at`). Returns the
    counts by kind."""
    counts = counts_of(checked)
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        yield lambda: _write_directly(checked, run, counts)
        return
    raw = connection.connection
    discard_prepared_revisions(run)  # of an earlier attempt, interrupted
    try:
        started = time.perf_counter()
        _stage(checked, raw, run, counts)
        _prepare_revisions(checked, run, counts)
        logger.debug("import: rows staged in %.2f s", time.perf_counter() - started)
        yield lambda: _swap(raw, checked, run, counts)
    except BaseException:
        if not connection.in_atomic_block:
            discard_prepared_revisions(run)
        raise
    finally:
        for table in (NEW_TABLE, CHANGED_TABLE):
            raw.execute(f"DROP TABLE IF EXISTS temp.{table}")


def discard_prepared_revisions(run: ImportRun) -> int:
    """Deletes the revisions a run prepared but never wrote (none once it has written), in
    short transactions; returns how many."""
    if (
        run.written_at is not None
        or ImportRun.objects.filter(pk=run.pk, written_at__isnull=False).exists()
    ):
        return 0
    table = ObservationRevision._meta.db_table
    deleted = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} "
                f"WHERE replaced_by_id = %s LIMIT {REVISION_CHUNK})",
                [run.pk],
            )
            count = cursor.rowcount
        deleted += count
        if count < REVISION_CHUNK:
            return deleted


# --- SQLite: stage in TEMP tables, prepare the revisions, then one short swap -----------------


def _stage(checked: Checked, raw, run: ImportRun, counts: dict[str, int]) -> None:
    """The new and the changed rows copied into TEMP tables, in key order. Outside a
    transaction, in a deferred one of its own: it writes only the connection's private
    TEMP database, so the site's database stays free for others."""
    columns = ", ".join(f"{name} {kind}" for name, kind in _COLUMN_TYPES.items())
    key = ", ".join(KEY)
    for table in (NEW_TABLE, CHANGED_TABLE):
        raw.execute(f"DROP TABLE IF EXISTS temp.{table}")
        raw.execute(f"CREATE TEMP TABLE {table} ({columns}, PRIMARY KEY ({key})) WITHOUT ROWID")
    own = not connection.in_atomic_block
    if own:
        raw.execute("BEGIN DEFERRED")
    try:
        if counts["new"]:
            append_new(checked.con, raw, f"temp.{NEW_TABLE}", run.pk)
        if counts["changed"]:
            insert = (
                f"INSERT INTO temp.{CHANGED_TABLE} ({', '.join(STORED_COLUMNS)}) "
                f"VALUES ({', '.join(['?'] * len(STORED_COLUMNS))})"
            )
            query = (
                f"SELECT indicator_id, territory_id, period, dis, value, status, src, {int(run.pk)} "
                "FROM staged WHERE kind = 'changed' ORDER BY indicator_id, territory_id, period, dis"
            )
            for rows in _chunks(checked.con, query):
                raw.executemany(insert, rows)
        if own:
            raw.execute("COMMIT")
    except BaseException:
        if own:
            raw.execute("ROLLBACK")
        raise


def _prepare_revisions(checked: Checked, run: ImportRun, counts: dict[str, int]) -> None:
    """The values to be replaced, as the check read them, written as revisions of `run` in
    short transactions (each takes the write lock for a moment, letting others in between)."""
    if not counts["changed"]:
        return
    table = ObservationRevision._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    insert = (
        f"INSERT INTO {table} (indicator_id, territory_id, period, disaggregation, value, "
        "status, import_run_id, replaced_by_id, replaced_at) VALUES (%s, %s, %s, %s, %s, %s, %s, "
        "%s, %s)"
    )
    query = (
        f"SELECT indicator_id, territory_id, period, dis, old_value, old_status, old_run, "
        f"{int(run.pk)}, ? FROM staged WHERE kind = 'changed' "
        "ORDER BY indicator_id, territory_id, period, dis"
    )
    result = checked.con.execute(query, [now])
    while rows := result.fetchmany(REVISION_CHUNK):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert, rows)


_COLUMN_TYPES = {
    "indicator_id": "INTEGER NOT NULL",
    "territory_id": "INTEGER NOT NULL",
    "period": "TEXT NOT NULL",
    "disaggregation": "TEXT NOT NULL",
    "value": "REAL NOT NULL",
    "status": "TEXT NOT NULL",
    "source": "TEXT NOT NULL",
    "import_run_id": "INTEGER",
}
assert tuple(_COLUMN_TYPES) == STORED_COLUMNS


def _swap(raw, checked: Checked, run: ImportRun, counts: dict[str, int]) -> dict[str, int]:
    """Inside the caller's transaction: refuses if another import wrote values of these
    indicators since the check, then updates the changed values and appends the new ones —
    two statements SQLite runs without Python."""
    _refuse_if_written_meanwhile(checked, run)
    observations = Observation._meta.db_table
    columns = ", ".join(STORED_COLUMNS)
    started = time.perf_counter()
    if counts["changed"]:
        raw.execute(
            f"INSERT INTO {observations} ({columns}) SELECT {columns} "
            f"FROM temp.{CHANGED_TABLE} WHERE true ON CONFLICT ({', '.join(KEY)}) DO UPDATE "
            "SET value = excluded.value, status = excluded.status, source = excluded.source, "
            "import_run_id = excluded.import_run_id"
        )
        logger.debug("import: changed values updated in %.2f s", time.perf_counter() - started)
    if counts["new"]:
        # A key written by someone else since the check makes this fail: nothing lands.
        raw.execute(
            f"INSERT INTO {observations} ({columns}) SELECT {columns} FROM temp.{NEW_TABLE}"
        )
        if not raw.execute("PRAGMA foreign_keys").fetchone()[0]:
            _check_parents(raw, run)
    _mark_written(run)
    logger.debug("import: swapped in %.2f s", time.perf_counter() - started)
    return counts


def _refuse_if_written_meanwhile(checked: Checked, run: ImportRun) -> None:
    """Inside the write transaction (so every other write is committed and seen)."""
    if checked.read_at is None:
        return
    mine = set(checked.preview.indicators)
    others = (
        ImportRun.objects.filter(written_at__gte=checked.read_at)
        .exclude(pk=run.pk)
        .values_list("indicators", flat=True)
    )
    if any(mine & set(codes or []) for codes in others):
        raise WrittenMeanwhile


def _mark_written(run: ImportRun) -> None:
    run.written_at = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(written_at=run.written_at)


def _check_parents(raw, run: ImportRun) -> None:
    """What the foreign keys would have checked, for the new rows: their indicators, their
    territories and their import run all exist. Raises IntegrityError (so nothing lands)."""
    for model, column in ((Indicator, "indicator_id"), (Territory, "territory_id")):
        (missing,) = raw.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT {column} AS id FROM temp.{NEW_TABLE}) s "
            f"WHERE NOT EXISTS (SELECT 1 FROM {model._meta.db_table} p WHERE p.id = s.id)"
        ).fetchone()
        if missing:
            raise IntegrityError(
                f"{missing} {column} values of new observations are not in {model._meta.db_table}"
            )
    table = ImportRun._meta.db_table
    if not raw.execute(f"SELECT count(*) FROM {table} WHERE id = ?", (run.pk,)).fetchone()[0]:
        raise IntegrityError(f"import run {run.pk} is not in {table}")


# --- PostgreSQL and others: straight in ------------------------------------------------------


def _write_directly(checked: Checked, run: ImportRun, counts: dict[str, int]) -> dict[str, int]:
    if counts["changed"]:
        _write_changes(checked.con, run)
    if counts["new"]:
        _insert_new(checked.con, run)
    _mark_written(run)
    return counts


def _chunks(con, query: str):
    result = con.execute(query)
    while rows := result.fetchmany(CHUNK):
        yield rows


def _insert_new(con, run: ImportRun) -> None:
    table = Observation._meta.db_table
    columns = ", ".join(STORED_COLUMNS)
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


def _write_changes(con, run: ImportRun) -> None:
    """Each changed value: its stored value, status and import run become a revision (read
    from the row itself, inside this transaction), then the row takes the new value."""
    observations = Observation._meta.db_table
    revisions = ObservationRevision._meta.db_table
    now = timezone.now()
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
