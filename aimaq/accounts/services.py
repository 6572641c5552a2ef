"""Writes on people and roles. Each checks `can()` itself, whoever calls it."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from aimaq.territories.models import Territory

from .models import Role, RoleGrant, User
from .permissions import Action, can, forget_grants


def refusal(territory: Territory) -> str:
    return _(
        "You cannot grant or revoke roles over %(territory)s (%(kato)s): it is outside the "
        "territories you administer."
    ) % {"territory": territory.name, "kato": territory.kato}


def grant_role(
    *,
    by: User,
    user: User,
    role: Role | str,
    territory: Territory,
    expires_on: date | None = None,
) -> RoleGrant:
    """Give `user` the `role` over `territory` and everything below it.

    Refused (PermissionDenied) unless `by` may grant roles over that territory. Granting a
    role the person already holds there changes nothing but the expiry date, so a form sent
    twice leaves one grant.
    """
    if not can(by, Action.GRANT, territory):
        raise PermissionDenied(refusal(territory))
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}")
    grant = RoleGrant.objects.filter(user=user, role=role, territory=territory).first()
    if grant is None:
        grant = RoleGrant(
            user=user, role=role, territory=territory, granted_by=by, expires_on=expires_on
        )
        grant._history_user = by
        try:
            with transaction.atomic():
                grant.save()
        except IntegrityError:
            # The same grant was written by a concurrent request (a double submit).
            grant = RoleGrant.objects.get(user=user, role=role, territory=territory)
    if grant.expires_on != expires_on:
        grant.expires_on = expires_on
        grant._history_user = by
        grant.save(update_fields=["expires_on"])
    forget_grants(user)
    return grant


def revoke_role(*, by: User, grant: RoleGrant) -> None:
    """Remove the grant. Refused (PermissionDenied) unless `by` may grant roles over its
    territory. The history keeps who held it and who revoked it."""
    if not can(by, Action.GRANT, grant.territory):
        raise PermissionDenied(refusal(grant.territory))
    holder = grant.user
    grant._history_user = by
    grant.delete()
    forget_grants(holder)
