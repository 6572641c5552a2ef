"""Typed requests for views that a sign-in check guards (django-stubs' documented pattern:
a request subclass whose `user` is our `User`).

`AuthenticatedRequest` is only a type: a view behind `login_required` (or the admin site)
is annotated with it and reads `request.user` as a `User`; an API endpoint behind
`api_auth.PERSON` takes `PersonApiRequest`. Methods whose signature Django
fixes (`ModelAdmin.save_model(request, …)`) take `signed_in(request)` instead."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from aimaq.core.http import HtmxRequest

from .models import User


class AuthenticatedRequest(HtmxRequest):
    """A request from a signed-in person (after `login_required` or the admin's check)."""

    user: User


class PersonApiRequest(HttpRequest):
    """A request to an API endpoint behind `api_auth.PERSON`: django-ninja sets `auth` to
    the person the token or session stands for (and `user` too)."""

    auth: User
    user: User


def signed_in(request: HttpRequest) -> User:
    """The signed-in person of a request a sign-in check already let through; refused
    (403) if there is none, which those checks make impossible."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
