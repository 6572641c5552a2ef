import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper


def test_html_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/api/docs")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_api_docs_are_served_from_our_own_static_files(client):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_json_responses_need_no_policy_header(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


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
