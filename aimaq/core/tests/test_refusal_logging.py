"""A refused request (403) is logged as one line, not as a traceback a newcomer takes for a
crash; server errors keep their traceback, but never the text of an exception."""

import logging
import sys

from django.db import IntegrityError

from aimaq.core.logs import RefusalsInOneLine, WithoutExceptionText
from aimaq.testing.people import UserFactory


def test_a_refused_page_logs_one_line_without_traceback(client, tree, caplog):
    client.force_login(UserFactory())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/territories/{tree['nura'].kato}/edit/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].exc_info is None
    line = logging.Formatter().format(records[0])
    assert "\n" not in line
    assert "Forbidden" in line and "/edit/" in line


def test_server_errors_keep_their_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "x", (), sys.exc_info()
        )
    record.status_code = 500
    RefusalsInOneLine().filter(record)
    assert record.exc_info is not None


def test_a_logged_exception_keeps_its_class_and_frames_but_never_its_text():
    def store_person() -> None:
        try:
            raise ValueError("phone +77010000000")
        except ValueError as cause:
            raise IntegrityError("Key (iin)=(900101300123) already exists") from cause

    try:
        store_person()
    except IntegrityError:
        record = logging.LogRecord("aimaq", logging.ERROR, __file__, 1, "x", (), sys.exc_info())
    WithoutExceptionText().filter(record)
    line = logging.Formatter().format(record)

    assert "IntegrityError" in line and "in store_person" in line
    assert "which came from ValueError" in line
    assert "900101300123" not in line and "+77010000000" not in line
    # The site's log handler applies it to every record.
    assert any(
        isinstance(found, WithoutExceptionText)
        for handler in logging.getLogger().handlers
        for found in handler.filters
    )
