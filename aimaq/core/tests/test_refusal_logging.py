"""A refused request (403) is logged as one line, not as a traceback a newcomer takes for a
crash; server errors keep theirs."""

import logging
import sys

from aimaq.core.logs import RefusalsInOneLine
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
