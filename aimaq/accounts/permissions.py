"""The accounts app's part of the one permission check (`aimaq.core.permissions.can`).

It provides the territory roles every policy counts — a person's grants, each over a
territory and everything below it — and the rules for its own objects: people (never
public; seen where one may grant roles), organisations, role grants.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aimaq.core.permissions import (
    NOTHING,
    Actor,
    Policy,
    TerritoryRole,
    action_spec,
    can,
    declare,
    role_reaches,
    roots_where,
)
from aimaq.territories.kato import kato_subtree_q
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from .models import RoleGrant, User

VIEW = declare(
    "accounts.view", _("see people and organisations"), role=TerritoryRole.VIEWER, public=True
)
CHANGE = declare("accounts.change", _("change organisations"), role=TerritoryRole.EDITOR)
GRANT = declare("accounts.grant", _("grant roles"), role=TerritoryRole.ADMIN)


def active_grants(user: User) -> list[RoleGrant]:
    """The person's unexpired grants (a grant holds through its `expires_on` day), read once
    per user object."""
    cached: list[RoleGrant] | None = getattr(user, "_aimaq_grants", None)
    if cached is None:
        today: date = timezone.localdate()
        cached = [
            grant
            for grant in with_territories(RoleGrant.objects.filter(user=user), "territory")
            if grant.expires_on is None or grant.expires_on >= today
        ]
        user._aimaq_grants = cached  # type: ignore[attr-defined]
    return cached


def forget_grants(user: User) -> None:
    """Drop the cached grants after they changed, so the next check reads them again."""
    target = getattr(user, "_wrapped", user)  # request.user is a lazy wrapper around the person
    getattr(target, "__dict__", {}).pop("_aimaq_grants", None)


class GrantActor(Actor):
    """A signed-in person whose territory roles are their active role grants; a superuser
    holds every territory role everywhere (but no membership of any body)."""

    def _grants_for(self, action: str) -> list[RoleGrant]:
        needed = action_spec(action).role
        if needed is None or not self.is_authenticated:
            return []
        return [grant for grant in active_grants(self.user) if role_reaches(grant.role, needed)]

    def _reaches_everywhere(self, action: str) -> bool:
        return self.is_superuser and action_spec(action).role is not None

    def has_role(self, action: str, territory: Any) -> bool:
        if self._reaches_everywhere(action):
            return True
        if territory is None:
            return False
        return any(grant.territory.contains(territory) for grant in self._grants_for(action))

    def role_q(self, action: str, path: str | None) -> Q | None:
        if self._reaches_everywhere(action):
            return None
        if path is None:
            return NOTHING
        field = f"{path}__kato" if path else "kato"
        condition = NOTHING
        for grant in self._grants_for(action):
            subtree = kato_subtree_q(grant.territory.kato, field)
            condition = subtree if condition is NOTHING else condition | subtree
        return condition

    def roots(self, action: str) -> list[Territory]:
        if self._reaches_everywhere(action):
            return list(Territory.objects.filter(level="country"))
        return [grant.territory for grant in self._grants_for(action)]


def grant_actor(user: Any, *, counts_public: bool = True) -> Actor:
    if isinstance(user, User):
        return GrantActor(user, counts_public=counts_public)
    return Actor(user, counts_public=counts_public)


class PersonPolicy(Policy):
    """People are never public: seeing one needs a role over their organisation's territory."""

    territory_path = "organisation__territory"
    published = False


def grant_right_ends(user: User, territory: Territory) -> date | None:
    """The last day on which `user` may still grant roles over `territory`: the latest expiry
    among the grants that carry that right there (None: it does not end, or a superuser).
    Meaningful only where `can(user, GRANT, territory)`."""
    if user.is_superuser:
        return None
    ends = [
        grant.expires_on
        for grant in active_grants(user)
        if role_reaches(grant.role, TerritoryRole.ADMIN) and grant.territory.contains(territory)
    ]
    if not ends or None in ends:
        return None
    return max(end for end in ends if end is not None)


def can_manage_person(manager: Any, person: User) -> bool:
    """May `manager` change or delete `person`'s account (password, activity, details)?

    People are listed by their organisation's territory, but what they hold may reach
    further: only a superuser manages staff and superusers, and a scoped administrator only
    people whose every active grant lies where the administrator may grant roles.
    """
    actor = grant_actor(manager)
    if not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    if person.is_staff or person.is_superuser or not can(manager, GRANT, person):
        return False
    roots = roots_where(manager, GRANT)
    return all(
        any(root.contains(grant.territory) for root in roots) for grant in active_grants(person)
    )
