"""The PostgreSQL run's test databases, copied from one that `manage.py migrate` made.

`bin/test` runs `python -m aimaq.testing.migrated DATABASE_URL` in the background while the
gates and the SQLite run go on (migrating renders Django's model states for most of a minute
on one core, and mypy leaves the other one idle). The PostgreSQL run then names that database
in AIMAQ_TEST_TEMPLATE and runs with `--migrations`: each worker's test database is `CREATE
DATABASE … TEMPLATE` of it (aimaq/testing/settings.py), whose migrations are all applied
already, so the run tests the schema an install gets, and aimaq/core/tests/test_migrations.py
checks that copy instead of migrating another database.
"""

from __future__ import annotations

import os
import subprocess
import sys

from aimaq.testing.migrations import ROOT

TEMPLATE = "aimaq_migrated"


def migrate_template(server_url: str) -> None:
    """A new database TEMPLATE on the server of `server_url`, migrated from empty."""
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
        server.execute(f'CREATE DATABASE "{TEMPLATE}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": f"{base}/{TEMPLATE}",
            "DJANGO_SETTINGS_MODULE": "aimaq.testing.settings",  # with the test-only app
        },
        check=True,
    )


if __name__ == "__main__":
    migrate_template(sys.argv[1])
