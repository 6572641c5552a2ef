"""A fresh install: every app's migrations run on an empty PostgreSQL database (the rest of the
suite builds its database from the models; `bin/gates` checks that no model change lacks its
migration)."""

import sqlite3
from contextlib import closing

import pytest
from django.db import connection

from aimaq.testing.migrations import manage, scratch_database

pytestmark = [
    pytest.mark.migrations,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="run on PostgreSQL, where it is cheaper; on SQLite `bin/demo` migrates a fresh "
        "file and indicators/tests/test_migrations.py upgrades one",
    ),
]


def test_a_fresh_database_migrates_to_every_table_of_the_models(tmp_path):
    with scratch_database(tmp_path) as env:
        manage(env, "migrate", "-v", "0")
        tables = tables_in(env)
    assert tables >= set(connection.introspection.django_table_names())


def tables_in(env: dict[str, str]) -> set[str]:
    """The tables of the migrated database, read over a plain connection (a second
    `manage.py` process only to list them cost a Django start)."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as server:
            listed = server.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            return {name for (name,) in listed.fetchall()}
    with closing(sqlite3.connect(env["AIMAQ_SQLITE_PATH"])) as file:
        return {name for (name,) in file.execute(SQLITE_TABLES).fetchall()}


SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
