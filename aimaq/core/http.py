"""Typed requests for views: what our middleware adds to Django's `HttpRequest`.

Only for type checking; at run time every request is Django's own. A view signed-in users
reach takes `aimaq.accounts.http.AuthenticatedRequest` (core may not import accounts)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    """A request that passed `django_htmx.middleware.HtmxMiddleware` (every request does):
    `request.htmx` is true when htmx sent it."""

    htmx: HtmxDetails
