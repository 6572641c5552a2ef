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

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
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


def data_version() -> str:
    """What the public pages are drawn from, as one short string (four MAX queries on
    primary keys)."""
    from aimaq.territories.models import Territory, TerritoryGroup

    from .models import Indicator, IndicatorVersion

    parts = [
        IndicatorVersion.objects.aggregate(v=Max("changed"))["v"],
        Territory.history.aggregate(v=Max("history_id"))["v"],
        TerritoryGroup.history.aggregate(v=Max("history_id"))["v"],
        Indicator.history.aggregate(v=Max("history_id"))["v"],
    ]
    return ".".join(str(p or 0) for p in parts)


def page_etag(request: HttpRequest) -> str:
    language = get_language_from_request(request)
    digest = hashlib.blake2b(
        f"{data_version()}|{language}|{request.get_full_path()}".encode(), digest_size=12
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
        return response
