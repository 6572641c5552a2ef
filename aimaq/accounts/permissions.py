"""The one place that decides who may do what, where.

`can(user, action, obj)` resolves the object's territory and asks whether the person holds,
over that territory or one above it, a role that allows the action. Views, the API and the
admin all call it; none of them re-implements a scope rule.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def active_grants(user: User) -> list[RoleGrant]:
    """The person's unexpired grants, read once per user object."""
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


def roles_over(user: User, territory: Territory) -> set[str]:
    return {grant.role for grant in active_grants(user) if grant.territory.contains(territory)}


def can(user: User | AnonymousUser | None, action: str, obj: object) -> bool:
    if action == Action.VIEW and is_public(obj):
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    territory = territory_of(obj)
    if territory is None:
        return False
    return any(action in ROLE_ACTIONS[role] for role in roles_over(user, territory))


def territories_where(user: User, action: str) -> list[Territory]:
    """The roots of the subtrees where the person may do `action` (for filtering lists)."""
    if user.is_superuser:
        return list(Territory.objects.filter(level="country"))
    return [grant.territory for grant in active_grants(user) if action in ROLE_ACTIONS[grant.role]]


def allowed_actions(user: User | AnonymousUser | None, obj: object) -> set[str]:
    return {action for action in Action.values if can(user, action, obj)}


def filter_in_scope(queryset: models.QuerySet, user: User, action: str, field: str) -> Iterable:
    """Rows of `queryset` whose territory (reached through `field`) the person may `action`."""
    roots = territories_where(user, action)
    if not roots:
        return queryset.none()
    condition = models.Q()
    for root in roots:
        prefix = root.prefix
        condition |= models.Q(
            **{
                f"{field}__kato__gte": prefix.ljust(9, "0"),
                f"{field}__kato__lte": prefix.ljust(9, "9"),
            }
        )
    return queryset.filter(condition)
