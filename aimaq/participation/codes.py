"""One-time codes that confirm an e-mail address or a phone: six digits, sent through the
notification senders (e-mail; SMS through the configured gateway; the console in
development), stored only as a keyed hash, valid for ten minutes, five attempts, used once,
and at most five sent to one address in an hour."""

from __future__ import annotations

import hmac
import re
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from aimaq.core.notifications import Message, render_message, send

from .models import OneTimeCode

VALID_FOR = timedelta(minutes=10)
MAX_ATTEMPTS = 5
MAX_PER_HOUR = 5
PHONE_DIGITS = re.compile(r"[\s()\-]")


def normalise_address(value: str) -> tuple[str, str]:
    """("email", address) or ("sms", "+7XXXXXXXXXX") from what a person typed; a
    ValidationError says what was expected."""
    text = (value or "").strip()
    if "@" in text:
        address = text.lower()
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not an e-mail address.") % {"value": text}, code="email"
            ) from None
        return "email", address
    digits = PHONE_DIGITS.sub("", text)
    if digits.startswith("+"):
        digits = digits[1:]
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit() and digits[0] in "67"):
        raise ValidationError(
            _("Write an e-mail address or a Kazakhstan mobile number, such as +7 701 234 56 78."),
            code="phone",
        )
    return "sms", f"+7{digits}"


def _digest(address: str, purpose: str, code: str) -> str:
    return salted_hmac(
        "aimaq.participation.code", f"{address}|{purpose}|{code}", algorithm="sha256"
    ).hexdigest()


def send_code(address: str, purpose: str, *, language: str) -> OneTimeCode:
    """Make a code for `address` (already normalised) and send it; a ValidationError when
    too many were sent lately."""
    channel = "email" if "@" in address else "sms"
    since = timezone.now() - timedelta(hours=1)
    recent = OneTimeCode.objects.filter(address=address, created_at__gte=since).count()
    if recent >= MAX_PER_HOUR:
        raise ValidationError(
            _("Too many codes were sent to this address in the last hour; try again later."),
            code="too_many_codes",
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = OneTimeCode.objects.create(
        purpose=purpose,
        channel=channel,
        address=address,
        code_hash=_digest(address, purpose, code),
        expires_at=timezone.now() + VALID_FOR,
    )
    subject, body = render_message(
        "participation/notifications/code",
        {"code": code, "minutes": int(VALID_FOR.total_seconds() // 60), "purpose": purpose},
        language=language,
    )
    send(Message(channel, address, subject, body, language))
    return row


def check_code(address: str, purpose: str, code: str) -> None:
    """Accept `code` for `address` once, or raise a ValidationError that says why: wrong,
    expired, too many attempts, or none sent."""
    typed = "".join((code or "").split())
    now = timezone.now()
    refusal: ValidationError | None = None
    # The attempt is counted even when the code is refused: the refusal is raised after
    # the transaction commits.
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(address=address, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if row is None:
            refusal = ValidationError(
                _("No code was sent to this address; ask for one."), code="none"
            )
        elif row.expires_at <= now:
            refusal = ValidationError(
                _("This code has expired; ask for a new one."), code="expired"
            )
        elif row.attempts >= MAX_ATTEMPTS:
            refusal = ValidationError(
                _("Too many wrong attempts; ask for a new code."), code="attempts"
            )
        else:
            OneTimeCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
            if hmac.compare_digest(row.code_hash, _digest(address, purpose, typed)):
                OneTimeCode.objects.filter(pk=row.pk).update(used_at=now)
            else:
                left = MAX_ATTEMPTS - row.attempts - 1
                refusal = ValidationError(
                    _("The code is not right. Attempts left: %(left)s.") % {"left": left},
                    code="wrong",
                )
    if refusal is not None:
        raise refusal
