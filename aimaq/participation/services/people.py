"""People: participants registered by an official (residents without internet, meeting
attendees), their consented groups, and residents' own accounts — sign-in or sign-up with a
one-time code, their data, its deletion."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import log_action
from aimaq.territories.models import Territory

from .. import codes, events
from ..choices import AgeGroup, CodePurpose, Sector, Sex, Vulnerable
from ..models import Attendance, Body, Meeting, OneTimeCode, Participant, VoterRecord
from ..permissions import ACT_FOR, RUN
from . import tallies
from .common import person, require

User = get_user_model()


def _check_person(full_name: str, sex: str, birth_year: int | None, age_group: str) -> str:
    name = " ".join((full_name or "").split())
    errors: dict[str, str] = {}
    if not name:
        errors["full_name"] = _("Write the person's name.")
    if sex and sex not in Sex.values:
        errors["sex"] = _("Choose from the list.")
    if age_group and age_group not in AgeGroup.values:
        errors["age_group"] = _("Choose from the list.")
    this_year = timezone.localdate().year
    if birth_year is not None and not (this_year - 120 <= birth_year <= this_year):
        errors["birth_year"] = _("Write a year between %(first)s and %(last)s.") % {
            "first": this_year - 120,
            "last": this_year,
        }
    if errors:
        raise ValidationError(errors)
    return name


def register_participant(
    *,
    full_name: str,
    residence: Territory,
    sex: str = "",
    birth_year: int | None = None,
    age_group: str = "",
    sector: str = Sector.RESIDENT,
    consent: bool = False,
    groups: Iterable[str] = (),
    within: Meeting | Body | None = None,
    is_demo: bool = False,
    by: Any,
) -> Participant:
    """A person registered by an official (a resident without internet, from a paper form)
    or by whoever runs the meeting they came to or the body they join (`within`). The act is
    logged as entered by `by`."""
    name = _check_person(full_name, sex, birth_year, age_group)
    participant = Participant(
        full_name=name,
        residence=residence,
        sex=sex,
        birth_year=birth_year,
        age_group=age_group,
        sector=sector,
        entered_by=person(by),
        is_demo=is_demo,
    )
    if within is not None:
        require(by, RUN, within)
    else:
        require(by, ACT_FOR, participant)
    _apply_groups(participant, consent, groups)
    with transaction.atomic():
        participant.save()
        log_action(participant, events.PARTICIPANT_ENTERED, by=by)
    return participant


def _apply_groups(participant: Participant, consent: bool, groups: Iterable[str]) -> None:
    chosen = set(groups)
    unknown = chosen - set(Vulnerable.values)
    if unknown:
        raise ValidationError({"groups": _("Choose groups from the list.")})
    if chosen and not consent:
        raise ValidationError(
            {"consent": _("Groups are stored only with the person's consent: tick the consent.")}
        )
    participant.consent_at = (participant.consent_at or timezone.now()) if consent else None
    for group in Vulnerable.values:
        setattr(participant, group, consent and group in chosen)


def set_groups(
    participant: Participant, *, consent: bool, groups: Iterable[str], by: Any
) -> Participant:
    """Record or withdraw consent and the groups. Withdrawing consent erases the groups,
    from the person and from the records of the meetings they came to."""
    if not (participant.user_id and participant.user_id == getattr(by, "pk", None)):
        require(by, ACT_FOR, participant)
    _apply_groups(participant, consent, groups)
    with transaction.atomic():
        participant.save()
        if not consent:
            Attendance.objects.filter(participant=participant).update(
                vulnerable=False, disability=False, large_family=False, pensioner=False
            )
            tallies.refresh_participant(participant.pk)
    return participant


# --- residents' own accounts ---------------------------------------------------------------


def resident_accounts():
    """Accounts a one-time code may open: residents', never an official's (officials sign in
    with their password, behind the sign-in lockout)."""
    return User.objects.filter(
        participant__isnull=False, is_staff=False, is_superuser=False, role_grants__isnull=True
    )


def account_for(address: str) -> Any:
    """The resident account of a normalised e-mail address or phone, if any."""
    field = Q(email__iexact=address) if "@" in address else Q(phone=address)
    return resident_accounts().filter(field, is_active=True).order_by("pk").first()


def is_officials_address(address: str) -> bool:
    field = Q(email__iexact=address) if "@" in address else Q(phone=address)
    return User.objects.filter(field).exclude(pk__in=resident_accounts().values("pk")).exists()


def request_code(typed: str, *, language: str) -> str:
    """Send a sign-in code to the e-mail address or phone typed; returns the normalised
    address. An official's address is refused (they sign in with their password)."""
    _channel, address = codes.normalise_address(typed)
    if is_officials_address(address):
        raise ValidationError(
            _("This address belongs to an official's account: sign in with the password."),
            code="official",
        )
    codes.send_code(address, CodePurpose.SIGN_IN, language=language)
    return address


def confirm_code(address: str, code: str) -> Any:
    """Check the code; the resident's account when there is one, else None (a new resident
    goes on to sign up with the confirmed address)."""
    codes.check_code(address, CodePurpose.SIGN_IN, code)
    return account_for(address)


def create_resident(
    address: str,
    *,
    full_name: str,
    residence: Territory,
    sex: str = "",
    birth_year: int | None = None,
    language: str = "",
) -> Any:
    """A resident's account for an address just confirmed by a code: a person who signs in
    with codes (no password), with their participant record."""
    name = _check_person(full_name, sex, birth_year, "")
    if account_for(address) is not None:
        raise ValidationError(_("An account with this address exists already: sign in."))
    with transaction.atomic():
        user = User(
            username=f"resident-{secrets.token_hex(6)}",
            email=address if "@" in address else "",
            phone="" if "@" in address else address,
            first_name=name[:150],
            preferred_language=language,
        )
        user.set_unusable_password()
        user.save()
        participant = Participant.objects.create(
            full_name=name, residence=residence, sex=sex, birth_year=birth_year, user=user
        )
        log_action(participant, events.RESIDENT_SIGNED_UP, by=user)
    return user


def delete_resident(user: Any, *, by: Any) -> None:
    """A resident deletes their data: the account goes, with its history and codes; their
    participant record keeps no name, year, sex or groups, so meetings still count a person
    who came and proposals, supports and ballots stay counted, but nothing points to them."""
    if getattr(by, "pk", None) != user.pk:
        raise PermissionDenied(_("Only the person themself deletes their data."))
    if not resident_accounts().filter(pk=user.pk).exists():
        raise ValidationError(_("Only a resident's account is deleted here."))
    participant = Participant.objects.filter(user=user).first()
    addresses = [a for a in (user.email, user.phone) if a]
    with transaction.atomic():
        if participant is not None:
            log_action(participant, events.RESIDENT_DELETED, by=None)
            Participant.objects.filter(pk=participant.pk).update(
                full_name="—",
                sex="",
                birth_year=None,
                age_group="",
                consent_at=None,
                disability=False,
                large_family=False,
                pensioner=False,
                youth=False,
                user=None,
            )
            Attendance.objects.filter(participant=participant).update(
                vulnerable=False, disability=False, large_family=False, pensioner=False
            )
            tallies.refresh_participant(participant.pk)
        VoterRecord.objects.filter(user=user).update(user=None)
        OneTimeCode.objects.filter(address__in=addresses).delete()
        user_pk = user.pk
        user.delete()
        # The row history (simple-history) kept the account's e-mail, phone and name.
        history = getattr(User, "history", None)
        if history is not None:
            history.filter(id=user_pk).delete()


def participant_of(user: Any) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(user=user).select_related("residence").first()


def age_of(participant: Participant, on: date) -> int | None:
    return on.year - participant.birth_year if participant.birth_year else None
