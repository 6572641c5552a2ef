"""Logging helpers (see LOGGING in settings)."""

import logging
import traceback


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


def where_raised(exc: BaseException) -> str:
    """An exception's class and where it was raised, frame by frame, and the same for the
    exceptions it came from, without any of their texts: a text may quote the data the code
    failed on (a name, a phone number, the IIN in a unique-key error)."""
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(parts) < 5:
        frames = "\n".join(
            f"  {frame.filename}:{frame.lineno} in {frame.name}"
            for frame in traceback.extract_tb(seen.__traceback__)
        )
        parts.append(f"{type(seen).__name__}\n{frames}")
        seen = seen.__cause__ or seen.__context__
    return "\nwhich came from ".join(parts)


class WithoutExceptionText(logging.Filter):
    """Every logged exception (a server error's, a failed job's) keeps its class and frames
    but loses its text (`where_raised`), so personal data never reaches the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = "Traceback, its text left out:\n" + where_raised(record.exc_info[1])
        return True
