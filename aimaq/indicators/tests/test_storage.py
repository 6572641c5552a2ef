"""The observations table: keyed by its key and stored WITHOUT ROWID on SQLite (the upgrade
from the earlier layout: test_migrations.py)."""

import pytest
from django.db import connection

from aimaq.indicators.storage import is_without_rowid


@pytest.mark.django_db
def test_no_index_beside_the_key():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "indicators_observation")
    indexes = {name for name, c in constraints.items() if c["index"] and not c["primary_key"]}
    assert not indexes - {"__primary__"}  # SQLite names its key's index, others not


@pytest.mark.django_db
def test_sqlite_keeps_observations_in_their_keys_btree():
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite storage layout")
    assert is_without_rowid(connection, "indicators_observation")
