"""The test database, made from the models instead of the migrations (pytest `--no-migrations`),
brought to the layout the migrations leave."""

from django.db import connections

from aimaq.indicators.models import Observation
from aimaq.indicators.storage import store_without_rowid


def lay_out_like_migrations() -> None:
    """Observations WITHOUT ROWID on SQLite, as indicators' migration 0002 stores them."""
    for connection in connections.all():
        with connection.schema_editor() as editor:
            store_without_rowid(editor, Observation)
