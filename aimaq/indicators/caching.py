"""Cacheable public pages: a visitor's GET of an evidence-base page or public API answer (and
the home page) carries an ETag tied to the data version — the figures (`versions.py`: an
import, an approval), the territories and groups, the indicators (their history) — and the
language; a request that sends it back gets 304 Not Modified without the page being built.

Only for visitors: a request with a session cookie (someone who may be signed in, who may
see figures awaiting approval) is left alone and marked private. A visitor's page sets no
cookie (the language switcher and the document links are plain links, `visibility.py`
never opens the session), so `Vary: Cookie` — added when a template asks whether the
visitor is signed in — is taken off: a shared cache must revalidate (`no-cache`), and the
tag it sends back is checked against the request as it comes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import get_language_from_request

PUBLIC = ("/", "/indicators/", "/api/indicators/")
NOT_PUBLIC = (
    "/indicators/import",
    "/indicators/approvals",
    # Dashboards change without moving the data version (saved, edited, deleted by officials).
    "/indicators/dashboard",
    "/api/indicators/imports",
    "/api/indicators/observations",
)


def is_public(path: str) -> bool:
    if path != "/" and not path.startswith(PUBLIC[1:]):
        return False
    return not path.startswith(NOT_PUBLIC)


def data_version(request: HttpRequest | None = None) -> str:
    """What the public pages are drawn from, as one short string: one query of four MAX on
    primary keys. Read once per GET request (kept on it; a GET writes nothing)."""
    if request is not None and request.method in ("GET", "HEAD"):
        known = getattr(request, "_aimaq_data_version", None)
        if known is None:
            known = _read_version()
            request._aimaq_data_version = known  # type: ignore[attr-defined]
        return known
    return _read_version()


@functools.cache
def _version_sql() -> str:
    from aimaq.territories.models import Territory, TerritoryGroup

    from .models import Indicator, IndicatorVersion

    # The history models' tables, looked up once: `Model.history` builds a manager class
    # on every access, which costs more than the query.
    tables = [
        (IndicatorVersion._meta.db_table, "changed"),
        (Territory.history.model._meta.db_table, "history_id"),
        (TerritoryGroup.history.model._meta.db_table, "history_id"),
        (Indicator.history.model._meta.db_table, "history_id"),
    ]
    return "SELECT " + ", ".join(f"(SELECT MAX({c}) FROM {t})" for t, c in tables)


def _read_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())
        parts = cursor.fetchone()
    return ".".join(str(p or 0) for p in parts)


def page_etag(request: HttpRequest) -> str:
    language = get_language_from_request(request)
    digest = hashlib.blake2b(
        f"{data_version(request)}|{language}|{request.get_full_path()}".encode(), digest_size=12
    )
    return quote_etag(digest.hexdigest())


class PublicPageCacheMiddleware:
    """Placed before the session middleware, so it sees the response last."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or not is_public(request.path)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return self.get_response(request)
        tag = page_etag(request)
        if tag in parse_etags(request.headers.get("If-None-Match", "")):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = tag
            patch_cache_control(not_modified, public=True, no_cache=True)
            return not_modified
        key = _stored_key(request, tag)
        if key is not None:
            stored = caches["default"].get(key)
            if stored is not None:
                content, headers = stored
                return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if response.status_code != 200 or response.cookies or response.streaming:
            return response
        response["ETag"] = tag
        patch_cache_control(response, public=True, no_cache=True)
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif "Vary" in response:
            del response["Vary"]
        if (
            key is not None
            and request.method == "GET"
            and len(response.content) <= STORED_MAX_BYTES
        ):
            stored = (response.content, dict(response.items()))
            caches["default"].set(key, stored, STORED_SECONDS)
        return response


# A visitor's page is also kept on the server, by its tag, so the next visitor (who sends no
# tag) gets it without the page being built. Same data version, language and address; also
# the host, the htmx headers (a partial is not the page) and the day (exports and documents
# say the date they were drawn).
STORED_MAX_BYTES = 2_000_000
STORED_SECONDS = 10 * 60


def _stored_key(request: HttpRequest, tag: str) -> str | None:
    from .readcache import enabled

    if not enabled():
        return None
    extra = "|".join(
        [
            request.get_host(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
            timezone.localdate().isoformat(),
        ]
    )
    return f"aimaq:page:{tag}:{hashlib.blake2b(extra.encode(), digest_size=8).hexdigest()}"
