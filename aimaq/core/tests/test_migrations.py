"""A fresh install: every app's migrations run on an empty PostgreSQL database. Under
`bin/test` that database is the one the PostgreSQL run's test databases are copied from
(aimaq/testing/migrated.py), so this checks the copy; elsewhere it migrates a scratch database.
(The SQLite run builds its database from the models; `bin/gates` checks that no model change
lacks its migration.)"""

import sqlite3
from contextlib import closing

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

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
    if settings.DATABASES["default"]["TEST"].get("TEMPLATE"):
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    else:
        with scratch_database(tmp_path) as env:
            manage(env, "migrate", "-v", "0")
            tables = tables_in(env)
            applied = migrations_applied_in(env)
    assert tables >= set(connection.introspection.django_table_names())
    assert applied >= migrations_on_disk()


def migrations_on_disk() -> set[tuple[str, str]]:
    """Every migration of every app (the suite's `--no-migrations` hides them from Django)."""
    with override_settings(MIGRATION_MODULES={}):
        found = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert ("indicators", "0001_initial") in found
    return found


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


def migrations_applied_in(env: dict[str, str]) -> set[tuple[str, str]]:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as server:
        return set(server.execute("SELECT app, name FROM django_migrations").fetchall())


SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"
