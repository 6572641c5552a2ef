import os
import shutil

import pytest
from django.utils import translation

from aimaq.testing.properties import on_postgresql

# Fixtures every app shares (tree, Document, …).
pytest_plugins = ["aimaq.testing.fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same
# browser tests are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium")}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is made from the models (`--no-migrations`: a minute faster per
    worker; aimaq/core/tests/test_migrations.py migrates real databases), then given the
    storage layout the migrations give it. bin/test's PostgreSQL run copies a database that
    the migrations made instead (`--migrations`, aimaq/testing/migrated.py)."""
    from aimaq.testing.database import lay_out_like_migrations

    with django_db_blocker.unblock():
        lay_out_like_migrations()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast password hashing, uploads in a temporary folder, and English as the language a test starts in and a request
    without a language cookie gets, so assertions on messages do not depend on test order."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("en"):
        yield


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def _touches_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


LONG_RUNNING = ("migrations", "slow", "e2e")  # longest first


@pytest.hookimpl(trylast=True)  # after pytest-django's own reordering by kind of database use
def pytest_collection_modifyitems(config, items):
    """The files that hold long tests first (and files with a browser test: it starts
    Chromium), so that xdist (one file per worker at a time) starts them early and ends on
    short files, not on one long file with the other worker idle. On PostgreSQL, only the tests that reach the database: the rest (parsers, charts,
    arithmetic, property runs over pure functions) give the same answer on any database and
    already ran on SQLite."""
    rank: dict = {}
    for item in items:
        ranks = [n for n, marker in enumerate(LONG_RUNNING) if item.get_closest_marker(marker)]
        if "page" in getattr(item, "fixturenames", ()):  # a browser, even in a file of quick tests
            ranks.append(LONG_RUNNING.index("e2e"))
        rank[item.path] = min([rank.get(item.path, len(LONG_RUNNING)), *ranks])
    items.sort(key=lambda item: rank[item.path])
    if not on_postgresql():
        return
    keep, leave = [], []
    for item in items:
        (keep if _touches_database(item) else leave).append(item)
    if leave:
        config.hook.pytest_deselected(items=leave)
        items[:] = keep
