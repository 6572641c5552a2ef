"""Writes on people and roles. Each checks `can()` itself, whoever calls it."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aimaq.core.activity import attribute_to, declare_event, log_action
from aimaq.core.notifications import notify
from aimaq.core.permissions import TerritoryRole, can, role_reaches
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from .models import Role, RoleGrant, User
from .permissions import GRANT, forget_grants, grant_right_ends

ROLE_GRANTED = declare_event(
    "accounts.role_granted",
    gettext_lazy("granted the role “%(role)s” over %(territory)s"),
    coded={"role": TerritoryRole},
)
ROLE_REVOKED = declare_event(
    "accounts.role_revoked",
    gettext_lazy("revoked the role “%(role)s” over %(territory)s"),
    coded={"role": TerritoryRole},
)


def refusal(territory: Territory) -> str:
    return _(
        "You cannot grant or revoke roles over %(territory)s (%(kato)s): it is outside the "
        "territories you administer."
    ) % {"territory": territory.name, "kato": territory.kato}


class GrantRefused(PermissionDenied):
    """A grant that the grantor may not give; `field` names what is at fault ("user",
    "territory" or "expires_on") so that a form can show the message next to it."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def check_grant(
    *, by: User, user: User | None, territory: Territory, expires_on: date | None
) -> None:
    """Raise unless `by` may give `user` a role over `territory` that ends on `expires_on`.

    GrantRefused (a PermissionDenied) when the territory is outside `by`'s scope, when `by`
    grants to themselves, or when the grant would outlive `by`'s own right to grant there
    (one cannot give more than one holds); ValidationError when `expires_on` is past.
    Superusers are refused only a past date. `user` is None for a person not yet saved.
    """
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("The expiry date is in the past.")}, code="expired")
    if not can(by, GRANT, territory):
        raise GrantRefused(refusal(territory), field="territory")
    if by.is_superuser:
        return
    if user is not None and user.pk == by.pk:
        raise GrantRefused(
            _(
                "You cannot give yourself a role or change your own grants; ask another "
                "administrator."
            ),
            field="user",
        )
    right_ends = grant_right_ends(by, territory)
    if right_ends is not None and (expires_on is None or expires_on > right_ends):
        raise GrantRefused(
            _(
                "Your right to grant roles over %(territory)s ends on %(date)s: the grant must "
                "end on that day or earlier."
            )
            % {"territory": territory.name, "date": formats.date_format(right_ends)},
            field="expires_on",
        )


def grant_role(
    *,
    by: User,
    user: User,
    role: Role | str,
    territory: Territory,
    expires_on: date | None = None,
) -> RoleGrant:
    """Give `user` the `role` over `territory` and everything below it.

    Refused as `check_grant` says (PermissionDenied or ValidationError, nothing written).
    Granting a role the person already holds there changes nothing but the expiry date, so a
    form sent twice leaves one grant.
    """
    check_grant(by=by, user=user, territory=territory, expires_on=expires_on)
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    grant = RoleGrant.objects.filter(user=user, role=role, territory=territory).first()
    if grant is None:
        grant = RoleGrant(
            user=user, role=role, territory=territory, granted_by=by, expires_on=expires_on
        )
        attribute_to(grant, by)
        try:
            with transaction.atomic():
                grant.save()
        except IntegrityError:
            # The same grant was written by a concurrent request (a double submit).
            grant = RoleGrant.objects.get(user=user, role=role, territory=territory)
        else:
            log_action(user, ROLE_GRANTED, by=by, data=_grant_facts(grant))
            transaction.on_commit(lambda: _tell_about(grant))
    if grant.expires_on != expires_on:
        grant.expires_on = expires_on
        attribute_to(grant, by).save(update_fields=["expires_on"])
    forget_grants(user)
    return grant


class RevokeRefused(PermissionDenied):
    """A revocation that would leave a territory without an administrator, or one's own
    administrator role given up without confirming."""

    def __init__(self, message: str, *, needs_confirmation: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.needs_confirmation = needs_confirmation


def grants_roles_over(grant: RoleGrant) -> bool:
    """Does the grant carry the right to grant roles (is it an administrator's)?"""
    return role_reaches(grant.role, TerritoryRole.ADMIN)


def other_administrators(grant: RoleGrant) -> list[RoleGrant]:
    """The other active grants, held by active people, that let someone grant roles over the
    grant's territory (an administrator there or above it)."""
    today = timezone.localdate()
    candidates = (
        RoleGrant.objects.filter(
            role__in=[role for role in Role.values if role_reaches(role, TerritoryRole.ADMIN)],
            user__is_active=True,
        )
        .exclude(pk=grant.pk)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    )
    candidates = with_territories(candidates, "territory")
    return [other for other in candidates if other.territory.contains(grant.territory)]


def is_last_administrator(grant: RoleGrant) -> bool:
    """Would revoking `grant` leave its territory with nobody who may grant roles there?
    (Expired grants and inactive people administer nothing, so removing them is never
    refused.)"""
    today = timezone.localdate()
    if not grants_roles_over(grant) or not grant.user.is_active:
        return False
    if grant.expires_on is not None and grant.expires_on < today:
        return False
    return not other_administrators(grant)


def check_revoke(*, by: User, grant: RoleGrant, confirmed: bool = False) -> None:
    """Raise unless `by` may revoke `grant` now.

    PermissionDenied outside `by`'s scope; RevokeRefused when the grant is the last
    administrator's of its territory (grant the role to someone else first: nobody, a
    superuser included, can leave a territory without an administrator), and, with
    `needs_confirmation`, when `by` gives up their own administrator role without
    `confirmed` (they would lose the right to grant it back at once).
    """
    if not can(by, GRANT, grant.territory):
        raise PermissionDenied(refusal(grant.territory))
    if is_last_administrator(grant):
        raise RevokeRefused(
            _(
                "%(person)s is the last administrator of %(territory)s: grant the "
                "administrator role over it to another person first."
            )
            % {"person": grant.user, "territory": grant.territory.name}
        )
    if grant.user_id == by.pk and grants_roles_over(grant) and not confirmed:
        raise RevokeRefused(
            _(
                "You are about to give up your own administrator role over %(territory)s: "
                "you will no longer be able to grant or revoke roles there."
            )
            % {"territory": grant.territory.name},
            needs_confirmation=True,
        )


def revoke_role(*, by: User, grant: RoleGrant, confirmed: bool = False) -> None:
    """Remove the grant, as `check_revoke` allows (it raises otherwise, nothing removed).
    One's own grants may be given up; one's own administrator role only `confirmed`. The
    history keeps who held it and who revoked it."""
    check_revoke(by=by, grant=grant, confirmed=confirmed)
    holder = grant.user
    with transaction.atomic():
        log_action(holder, ROLE_REVOKED, by=by, data=_grant_facts(grant))
        attribute_to(grant, by).delete()
    forget_grants(holder)
    forget_grants(by)  # the same person, perhaps, as another object (request.user)


def _tell_about(grant: RoleGrant) -> None:
    notify(
        grant.user,
        "accounts/notifications/role_granted",
        {"grant": grant, "site_name": settings.AIMAQ_SITE_NAME},
    )


def _grant_facts(grant: RoleGrant) -> dict:
    return {"role": grant.role, "territory": grant.territory.kato}


def set_preferred_language(user: User, language: str) -> None:
    """Store the interface language the person chose (the switcher), so it follows them
    to other browsers after they sign in; an unknown language is ignored."""
    if language not in dict(settings.LANGUAGES) or user.preferred_language == language:
        return
    user.preferred_language = language
    attribute_to(user, user).save(update_fields=["preferred_language"])
