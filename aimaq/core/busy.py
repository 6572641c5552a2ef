"""The embedded database is busy: a clear "try again in a moment" answer instead of a 500.

On SQLite one connection writes at a time. A long import holds the write lock for seconds
(its values are staged beside the database first and land in one short swap, see
`aimaq.indicators.importing.writing`); a request that wants to write meanwhile waits up to
the busy timeout (AIMAQ_SQLITE_TIMEOUT, 20 s) and usually goes through. If it still finds
the database locked, it gets this answer: HTTP 503 with Retry-After, in the person's
language — a page for people, an ErrorOut body for the API — and nothing of the request was
written (its transaction rolled back).

`DatabaseBusyMiddleware` answers for views; `server_error` (the site's handler500) answers
when the lock is met after the view, in a middleware (the session saved at sign-in).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger("aimaq.busy")

RETRY_AFTER_SECONDS = 5
T = TypeVar("T")


def is_database_busy(exc: BaseException | None) -> bool:
    """Whether `exc` says the database was locked by another writer (SQLite's "database is
    locked", "database table is locked"), not any other database error."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    return "is locked" in text or "database is busy" in text


def retry_while_busy(write: Callable[[], T], *, for_seconds: float = 300.0) -> T:
    """`write()`, tried again (after 1 s, 2 s, 4 s … at most 30 s apart) while it meets the
    database locked, for up to `for_seconds`: for background work that must record its end
    however long an import holds the lock. Inside a transaction a lock error cannot be
    retried (the transaction is spoilt), so there it is raised at once."""
    deadline = time.monotonic() + for_seconds
    wait = 1.0
    while True:
        try:
            return write()
        except OperationalError as exc:
            if connection.in_atomic_block or not is_database_busy(exc):
                raise
            if time.monotonic() + wait > deadline:
                raise
            logger.warning("Database locked; trying again in %.0f s.", wait)
            time.sleep(wait)
            wait = min(wait * 2, 30.0)


def busy_message() -> str:
    return _(
        "The database is busy writing a large import. Nothing of what you sent was saved; "
        "try again in a moment."
    )


def busy_response(request: HttpRequest) -> HttpResponse:
    """503 "busy, try again in a moment", in the person's language, with Retry-After."""
    logger.warning("Database busy: %s %s answered 503", request.method, request.path)
    message = busy_message()
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse(
            {"detail": message, "errors": []}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    else:
        body: str
        try:
            body = render_to_string("503.html", {"message": message}, request=request)
        except Exception:  # the page itself needs nothing written, but never fail here
            body = f"<!doctype html><title>503</title><p>{message}</p>"
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turns a "database is locked" raised by a view into the busy answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_busy(exception):
            return busy_response(request)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The site's handler500: the busy answer when the error was a locked database (met in
    a middleware, after the view), Django's own 500 otherwise."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request, template_name)
