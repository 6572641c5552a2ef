"""`manage.py` run as a person upgrading runs it, on a database of the test's own: a SQLite
file, or a fresh database on the PostgreSQL server the suite runs on."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def manage(env: dict[str, str], *args: str) -> str:
    """`manage.py *args` in a process of its own; its standard output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def sqlite_env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["AIMAQ_SQLITE_PATH"] = str(database)
    return env


@contextmanager
def scratch_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment for `manage` to reach an empty database of the test run's kind."""
    if connection.vendor != "postgresql":
        yield sqlite_env(tmp_path / "scratch.sqlite3")
        return
    name = f"aimaq_scratch_{os.getpid()}"
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**os.environ, "DATABASE_URL": url}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
