"""A voter's identity: the IIN, checked by its checksum, read for age and sex, verified by
the method the call chooses, and kept only as a keyed hash per call.

- The hash is HMAC-SHA256 keyed by the platform's identity key (the setting
  `AIMAQ_IDENTITY_KEY`, else a key derived from SECRET_KEY) over the call's own salt and the
  IIN: the same person has one hash per call (the unique constraint that makes one ballot),
  unrelated hashes in different calls, and no hash can be reversed without the key even
  though IINs are few and structured. The IIN itself is never stored, shown, logged or
  exported.
- Verification methods: an official checking the identity document at a service point
  (`OFFICIAL`), a code sent to the voter's phone (`PHONE_CODE`), or an eGov / digital
  signature provider (`EGOV`) through the `IdentityProvider` interface below — documented
  and plugged in by the setting `AIMAQ_EGOV_PROVIDER` (a dotted path) when a provider
  exists; until then the call cannot use it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from aimaq.accounts.identifiers import is_valid_iin_bin

from .choices import Sex, age_group_of

CENTURIES = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def _key() -> bytes:
    configured = getattr(settings, "AIMAQ_IDENTITY_KEY", "")
    if configured:
        return configured.encode()
    return salted_hmac("aimaq.participation.identity", "key").digest()


def clean_iin(value: str) -> str:
    """The IIN as 12 digits, or a ValidationError that says what was expected."""
    iin = "".join(str(value or "").split())
    if not (len(iin) == 12 and iin.isascii() and iin.isdigit()):
        raise ValidationError(_("An IIN is 12 digits."), code="iin_format")
    if not is_valid_iin_bin(iin) or iin[6] not in CENTURIES:
        raise ValidationError(
            _("This IIN's check digit is wrong: look at the identity document again."),
            code="iin_checksum",
        )
    if birth_date(iin) is None:
        raise ValidationError(_("This IIN does not start with a date of birth."), code="iin_date")
    return iin


def birth_date(iin: str) -> date | None:
    """The date of birth an IIN starts with (YYMMDD and the century digit)."""
    century = CENTURIES.get(iin[6])
    if century is None:
        return None
    try:
        return date(century + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def sex_of(iin: str) -> str:
    """Odd century digits are men, even are women."""
    return Sex.MALE if int(iin[6]) % 2 else Sex.FEMALE


def age_on(iin: str, day: date) -> int:
    born = birth_date(iin)
    if born is None:
        return 0
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def identity_hash(iin: str, call_salt: str) -> str:
    """The keyed hash of an IIN for one call (64 hex characters)."""
    message = f"{call_salt}:{iin}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class VerifiedVoter:
    """A voter whose identity was verified for one call: what the ballot needs, and nothing
    that identifies the person outside this call."""

    call_id: int
    identity_hash: str
    method: str
    sex: str
    age_group: str
    user_id: int | None = None


def verified_voter(
    call: Any, iin: str, *, method: str, on: date, user: Any = None
) -> VerifiedVoter:
    """Check an IIN for a call (checksum, age on the day) and turn it into a VerifiedVoter;
    a ValidationError names what is wrong."""
    iin = clean_iin(iin)
    age = age_on(iin, on)
    if age < call.min_age:
        raise ValidationError(
            _("Only people aged %(age)s or over may vote in this call.") % {"age": call.min_age},
            code="too_young",
        )
    return VerifiedVoter(
        call_id=call.pk,
        identity_hash=identity_hash(iin, call.salt),
        method=method,
        sex=sex_of(iin),
        age_group=age_group_of(age),
        user_id=getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None,
    )


# --- eGov / digital signature ------------------------------------------------------------


@dataclass(frozen=True)
class ProvidedIdentity:
    """What an identity provider vouches for: the IIN and, when it knows it, the KATO code of
    the registered address (for calls open to residents only)."""

    iin: str
    residence_kato: str = ""


class IdentityProvider(Protocol):
    """An eGov / digital-signature adapter. `start` sends the voter to the provider with a
    URL to come back to; `finish` reads the provider's answer from the returning request and
    returns the verified identity, or raises ValidationError. Nothing else of the provider's
    answer is stored."""

    def start(self, request: HttpRequest, *, return_url: str) -> str: ...

    def finish(self, request: HttpRequest) -> ProvidedIdentity: ...


def egov_provider() -> IdentityProvider | None:
    """The configured provider (setting `AIMAQ_EGOV_PROVIDER`), or None."""
    path = getattr(settings, "AIMAQ_EGOV_PROVIDER", "")
    if not path:
        return None
    try:
        return import_string(path)()
    except ImportError as error:
        raise ImproperlyConfigured(f"AIMAQ_EGOV_PROVIDER: {error}") from error
