"""How the JSON API knows who asks: a personal token, or the signed-in session with CSRF.

`PERSON` is the `auth=` of every non-public endpoint. A request with an `Authorization`
header is judged by it alone: a wrong, expired or revoked token is a 401, never a fall-back
to the session. Without one, the session counts, and a session request that changes
something (POST, PUT, PATCH, DELETE) must carry Django's CSRF token, as a form would: a
browser sends the session cookie to any site's request, but never an Authorization header.
Neither the header nor the token is ever logged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .models import User
from .tokens import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer aimaq_…`: a personal API token (see accounts/tokens.py)."""

    def __call__(self, request: HttpRequest) -> User | None:
        # ninja's own HttpBearer logs an unexpected header in DEBUG; this one never does.
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(
                message=_("Send the API token as “Authorization: Bearer <token>”.")
            )
        return self.authenticate(request, secret)

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError(
                message=_(
                    "This API token does not work: it is unknown, expired or revoked, or its "
                    "owner's account is closed."
                )
            )
        # The rest of the request acts as the owner, through the same checks as a page.
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in session; unsafe methods also need the CSRF token (header X-CSRFToken
    or the form field), checked by Django's own CSRF middleware."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _("The CSRF token is missing or wrong: send it in the X-CSRFToken header."),
            )
        return user


token_auth = TokenAuth()
session_auth = SessionAuth()
PERSON = [token_auth, session_auth]
