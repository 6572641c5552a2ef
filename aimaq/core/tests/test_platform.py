import re

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from aimaq.testing.territories import small_tree

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.django_db
def test_pages_run_no_inline_script_under_a_strict_policy(admin_client):
    tree = small_tree()
    pages = [
        "/",
        "/territories/",
        f"/territories/{tree['nura'].kato}/",
        f"/territories/{tree['nura'].kato}/edit/",
        f"/accounts/grants/{tree['karaganda'].kato}/",
        "/accounts/me/",
        "/indicators/",
        f"/indicators/profile/{tree['nura'].kato}/",
        f"/admin/territories/territory/{tree['nura'].pk}/change/",
        "/api/docs",
    ]
    for path in pages:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self';" in policy, path
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), f"inline <script> on {path}"
        assert not INLINE_HANDLER.search(html), f"inline event handler on {path}"


def test_api_docs_are_served_from_our_own_static_files(client):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_json_responses_get_a_policy_under_which_nothing_runs(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default is SQLite")
def test_embedded_sqlite_database_runs_in_wal_mode(tmp_path):
    wrapper = SQLiteWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / "x.sqlite3")})
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    wrapper.close()
