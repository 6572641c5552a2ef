"""Security headers on every response, whatever made it (a view, the API, WhiteNoise's static
files, an error page)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy_for(content_type: str) -> str:
    """The Content-Security-Policy for a response of this type: the page policy for HTML, a
    policy per type from CONTENT_SECURITY_POLICY_BY_TYPE, else the strict default, which
    lets a file opened directly in the browser run nothing."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return settings.CONTENT_SECURITY_POLICY
    by_type: dict[str, str] = getattr(settings, "CONTENT_SECURITY_POLICY_BY_TYPE", {})
    return by_type.get(mime, settings.CONTENT_SECURITY_POLICY_DEFAULT)


class ContentSecurityPolicyMiddleware:
    """Sends Content-Security-Policy (chosen by content type, see `policy_for`) and
    `X-Content-Type-Options: nosniff` on every response but "not modified", whose headers
    update a page the browser already has. It must stand first in MIDDLEWARE so
    that it also wraps the responses of middleware that answer early (WhiteNoise)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 304:
            # "Not modified" has no body and no type; the browser merges its headers into the
            # copy it keeps. A policy sent here would be the strict default, and the browser
            # would then refuse the kept page its own style sheet and scripts.
            return response
        policy = policy_for(response.get("Content-Type", ""))
        if policy:
            response.setdefault("Content-Security-Policy", policy)
        response.setdefault("X-Content-Type-Options", "nosniff")
        return response
