"""The one place that decides who may do what, where.

`can(user, action, obj)` resolves the object's territory and asks whether the person holds,
over that territory or one above it, a role that allows the action. Views, the API and the
admin all call it; none of them re-implements a scope rule. `filter_in_scope` is the same
rule for a list: the rows whose territory lies under one of the person's grants.
"""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aimaq.territories.kato import kato_subtree_q
from aimaq.territories.models import Territory

from .models import Role, RoleGrant, User


class Action(models.TextChoices):
    VIEW = "view", _("view")
    CHANGE = "change", _("change")
    PUBLISH = "publish", _("approve and publish")
    GRANT = "grant", _("grant roles")
    SCORE = "score", _("score applications")
    REVIEW = "review", _("review")
    TRAIN = "train", _("run trainings")


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.EDITOR: frozenset({Action.VIEW, Action.CHANGE}),
    Role.MANAGER: frozenset({Action.VIEW, Action.CHANGE, Action.PUBLISH}),
    Role.ADMIN: frozenset({Action.VIEW, Action.CHANGE, Action.PUBLISH, Action.GRANT}),
    Role.COMMITTEE_MEMBER: frozenset({Action.VIEW, Action.SCORE}),
    Role.REVIEWER: frozenset({Action.VIEW, Action.REVIEW}),
    Role.TRAINER: frozenset({Action.VIEW, Action.TRAIN}),
}

Person = User | AnonymousUser | None


def territory_of(obj: object) -> Territory | None:
    """The territory an object belongs to: itself, its `territory`, or `get_territory()`."""
    if isinstance(obj, Territory):
        return obj
    getter = getattr(obj, "get_territory", None)
    if callable(getter):
        return getter()
    return getattr(obj, "territory", None)


def is_public(obj: object) -> bool:
    """Objects without a publication flag (territories, organisations) are public."""
    return bool(getattr(obj, "is_published", True))


def is_active_person(user: Person) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def active_grants(user: User) -> list[RoleGrant]:
    """The person's unexpired grants (a grant holds through its `expires_on` day), read once
    per user object."""
    cached = getattr(user, "_aimaq_grants", None)
    if cached is None:
        today: date = timezone.localdate()
        cached = [
            grant
            for grant in RoleGrant.objects.filter(user=user).select_related("territory")
            if grant.expires_on is None or grant.expires_on >= today
        ]
        user._aimaq_grants = cached
    return cached


def forget_grants(user: User) -> None:
    """Drop the cached grants after they changed, so the next check reads them again."""
    user.__dict__.pop("_aimaq_grants", None)


def roles_over(user: User, territory: Territory) -> set[str]:
    return {grant.role for grant in active_grants(user) if grant.territory.contains(territory)}


def holds(user: Person, action: str, obj: object) -> bool:
    """The person's own right to `action` on `obj`, whether or not the object is public.

    The back office (admin) lists what a person is responsible for, not everything public,
    so it asks this; everything else asks `can()`.
    """
    if not is_active_person(user):
        return False
    if user.is_superuser:
        return True
    territory = territory_of(obj)
    if territory is None:
        return False
    return any(action in ROLE_ACTIONS.get(role, ()) for role in roles_over(user, territory))


def can(user: Person, action: str, obj: object) -> bool:
    """May `user` do `action` on `obj`? Anyone may view what is public."""
    if action == Action.VIEW and is_public(obj):
        return True
    return holds(user, action, obj)


def territories_where(user: Person, action: str) -> list[Territory]:
    """The roots of the subtrees where the person may do `action` (for filtering lists)."""
    if not is_active_person(user):
        return []
    if user.is_superuser:
        return list(Territory.objects.filter(level="country"))
    return [
        grant.territory
        for grant in active_grants(user)
        if action in ROLE_ACTIONS.get(grant.role, ())
    ]


def grant_right_ends(user: User, territory: Territory) -> date | None:
    """The last day on which `user` may still grant roles over `territory`: the latest expiry
    among the grants that carry that right there (None: it does not end, or a superuser).
    Meaningful only where `can(user, "grant", territory)`."""
    if user.is_superuser:
        return None
    ends = [
        grant.expires_on
        for grant in active_grants(user)
        if Action.GRANT in ROLE_ACTIONS.get(grant.role, ()) and grant.territory.contains(territory)
    ]
    if not ends or None in ends:
        return None
    return max(ends)


def can_manage_person(manager: Person, person: User) -> bool:
    """May `manager` change or delete `person`'s account (password, activity, details)?

    People are listed by their organisation's territory, but what they hold may reach
    further: only a superuser manages staff and superusers, and a scoped administrator only
    people whose every active grant lies where the administrator may grant roles.
    """
    if not is_active_person(manager):
        return False
    if manager.is_superuser:
        return True
    if person.is_staff or person.is_superuser or not can(manager, Action.GRANT, person):
        return False
    roots = territories_where(manager, Action.GRANT)
    return all(
        any(root.contains(grant.territory) for root in roots) for grant in active_grants(person)
    )


def allowed_actions(user: Person, obj: object) -> set[str]:
    return {action for action in Action.values if can(user, action, obj)}


def filter_in_scope(
    queryset: models.QuerySet, user: Person, action: str, field: str = "territory"
) -> models.QuerySet:
    """Rows of `queryset` whose territory (reached through `field`; "" when the rows are
    territories) lies in a subtree where the person may `action`. Superusers keep all rows."""
    if not is_active_person(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    roots = territories_where(user, action)
    if not roots:
        return queryset.none()
    kato = f"{field}__kato" if field else "kato"
    condition = models.Q()
    for root in roots:
        condition |= kato_subtree_q(root.kato, kato)
    return queryset.filter(condition)
