"""The stored rows of some indicators, written out as text by SQLite itself (one file per
indicator) for DuckDB to read: the re-import's view of what the database holds.

A large read is shared among worker processes, each with its own read-only connection to
the database file: SQLite's formatting is the cost, and two processes halve it (measured on
11.9M rows: 10.9 s → 4.9 s). Threads do not help: connections in one process contend on
SQLite's global memory lock (10.9 s → 14.5 s). Each indicator is read in one statement, as
in one process, so each reflects one moment of the database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

PROCESSES = 2
PROJECT = Path(__file__).resolve().parents[3]
SHARED_FROM_ROWS = 1_000_000  # below this, starting processes costs more than it saves


def write_out_stored(
    sql: str, indicator_ids: Sequence[int], folder: str, *, expected_rows: int = 0
) -> list[str]:
    """Runs `sql` (one text of stored rows per indicator id) and writes each non-empty text
    to `<folder>/indicator_id=<id>/rows.txt`; returns the files. `expected_rows` (about how
    many rows the texts hold) decides whether worker processes share the work."""
    connection.ensure_connection()
    database = _database_file()
    processes = min(PROCESSES, os.cpu_count() or 1, len(indicator_ids))
    if database is None or processes < 2 or expected_rows < SHARED_FROM_ROWS:
        return _write_out(connection.connection, sql, indicator_ids, folder)
    # Fresh interpreters running this module (not forks of this process, which holds
    # DuckDB's threads, nor multiprocessing's children, which import the caller's script).
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                __name__,
                database,
                folder,
                sql,
                ",".join(str(int(pk)) for pk in indicator_ids[i::processes]),
            ],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(processes)
    ]
    files = []
    for worker in workers:
        out, err = worker.communicate()
        if worker.returncode:
            raise RuntimeError(f"reading stored rows failed: {err.strip()[-500:]}")
        files += out.split()
    return sorted(files)


def _database_file() -> str | None:
    """The SQLite file other processes can read what this connection sees, if there is one:
    not an in-memory database, and nothing uncommitted on this connection."""
    sqlite = connections[DEFAULT_DB_ALIAS]  # `connection` itself is a proxy to it
    if not isinstance(sqlite, SQLiteWrapper) or sqlite.is_in_memory_db():
        return None
    if connection.in_atomic_block:
        return None
    return Path(connection.settings_dict["NAME"]).resolve().as_uri() + "?mode=ro"


def _write_out(
    con: sqlite3.Connection, sql: str, indicator_ids: Sequence[int], folder: str
) -> list[str]:
    files = []
    for indicator_id in indicator_ids:
        (text,) = con.execute(sql, (indicator_id,)).fetchone()
        if text:
            part = os.path.join(folder, f"indicator_id={int(indicator_id)}")
            os.makedirs(part, exist_ok=True)
            files.append(os.path.join(part, "rows.txt"))
            with open(files[-1], "w", encoding="utf-8") as out:
                out.write(text)
                out.write("\n")
    return files


if __name__ == "__main__":  # a worker: python -m aimaq.indicators.importing.stored_text …
    database, folder, sql, ids = sys.argv[1:5]
    with closing(sqlite3.connect(database, uri=True)) as own:
        print("\n".join(_write_out(own, sql, [int(pk) for pk in ids.split(",")], folder)))
