"""Personal API tokens: a person makes one for a program that acts for them through the API.

A token is a random secret shown once, when it is made; only its SHA-256 digest is stored,
with its first characters to recognise it in a list. It acts with exactly its owner's
rights (the API sets the request's user to the owner, and every check is the same `can()`),
and stops working when it expires, when it is revoked, or when the owner's account is
deactivated. It records when it was last used (to the minute, so a busy client does not
write on every request).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Every token starts with this, so a leaked one is easy to recognise (and to search for).
TOKEN_START = "aimaq_"
SECRET_BYTES = 32  # 256 bits of randomness
TOKEN_LENGTH = len(TOKEN_START) + 43  # token_urlsafe(32) is 43 characters
VISIBLE_CHARACTERS = len(TOKEN_START) + 6  # what a list shows: "aimaq_Xy3_9k…"
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_TOKENS = 20  # usable tokens per person


class TokenStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class ApiToken(models.Model):
    """A personal API token. The secret itself is never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the program using it.")
    )
    prefix = models.CharField(_("beginning of the token"), max_length=16, editable=False)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("The last day it works.")
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="one_unrevoked_token_name_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.expires_on is not None and self.expires_on < timezone.localdate():
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    def get_status_display(self) -> str:
        return str(TokenStatus(self.status).label)

    @property
    def is_usable(self) -> bool:
        return self.status == TokenStatus.ACTIVE


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_of(user) -> models.QuerySet[ApiToken]:
    """The person's tokens, newest first, revoked ones included (they stay as a record)."""
    return ApiToken.objects.filter(user=user)


def create_token(user, *, name: str, expires_on: date | None = None) -> tuple[ApiToken, str]:
    """Makes a token for `user` and returns it with its secret, which exists nowhere else:
    show it once. Raises ValidationError (on `name` or `expires_on`) for a name the person
    already uses on an unrevoked token, an expiry in the past, or too many tokens."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": gettext("Give the token a name.")})
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": gettext("The expiry date is in the past.")})
    unrevoked = tokens_of(user).filter(revoked_at__isnull=True)
    if unrevoked.filter(name=name).exists():
        raise ValidationError(
            {
                "name": gettext(
                    "You already have a token named “%(name)s”; revoke it or choose another name."
                )
                % {"name": name}
            }
        )
    if sum(token.is_usable for token in unrevoked) >= MAX_TOKENS:
        raise ValidationError(
            {
                "name": gettext("You have %(count)s working tokens; revoke one first.")
                % {"count": MAX_TOKENS}
            }
        )
    secret = TOKEN_START + secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:VISIBLE_CHARACTERS],
        digest=digest_of(secret),
        expires_on=expires_on,
    )
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    """Stops the token for good (kept as a record). Revoking it twice changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(secret: str):
    """The owner of the token `secret` if it works now — it exists, is neither revoked nor
    expired, and its owner's account is active — else None. Records the use."""
    secret = secret.strip()
    if len(secret) != TOKEN_LENGTH or not secret.startswith(TOKEN_START):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
