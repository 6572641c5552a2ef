"""Logging helpers (see LOGGING in settings)."""

import logging


class RefusalsInOneLine(logging.Filter):
    """Drops the traceback from the log record of a refused request (a 4xx answer such as
    403 Forbidden): Django logs the PermissionDenied with its traceback, which a newcomer
    reading the demo's terminal takes for a crash. The one line with the status and the path
    stays; errors (5xx) keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
