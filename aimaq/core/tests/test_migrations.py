"""A fresh install: every app's migrations run on an empty PostgreSQL database (the rest of the
suite builds its database from the models; `bin/gates` checks that no model change lacks its
migration)."""

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

SHOW = {"sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
        "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"}  # fmt: skip


def test_a_fresh_database_migrates_to_every_table_of_the_models(tmp_path):
    with scratch_database(tmp_path) as env:
        manage(env, "migrate", "-v", "0")
        tables = manage(env, "shell", "-v", "0", "-c", TABLES.format(SHOW[connection.vendor]))
    assert set(tables.split()) >= set(connection.introspection.django_table_names())


TABLES = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("{}")
    print(" ".join(row[0] for row in cursor.fetchall()))
"""
