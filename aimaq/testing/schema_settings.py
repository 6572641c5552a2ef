"""The product's settings with every app's migrations switched off, so that
`manage.py migrate --run-syncdb` makes a database file from the models in seconds (what the
test database is made of; aimaq/core/tests/test_migrations.py checks the migrations)."""

from aimaq.settings import *  # noqa: F403


class _NoMigrations(dict):
    def __contains__(self, app_label: object) -> bool:
        return True

    def __getitem__(self, app_label: str) -> None:
        return None


MIGRATION_MODULES = _NoMigrations()
