"""The one permission check: `can(user, action, obj)` and its list twin `allowed_rows`.

Apps declare their actions (`declare("grants.score", …)`) and register a policy per model
(`register_policy(Application, ApplicationPolicy())`) from their own code; the accounts app
provides the territory roles. Views, the API, the admin, exports and documents all ask here;
none re-implements a scope rule. See docs/architecture.md.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from .actions import ActionSpec, UnknownAction, action_spec, declare, declared_actions
from .policies import NOTHING, Actor, Policy, QueryPolicy, both, either, filter_rows
from .registry import actor_for, policy_for, provide_actors, register_policy
from .roles import RANK, TerritoryRole, role_reaches
from .scope import TerritoryScope

__all__ = [
    "NOTHING",
    "RANK",
    "ActionSpec",
    "Actor",
    "Policy",
    "QueryPolicy",
    "TerritoryRole",
    "TerritoryScope",
    "UnknownAction",
    "action_spec",
    "actor_for",
    "allowed_actions",
    "allowed_rows",
    "both",
    "can",
    "declare",
    "declared_actions",
    "either",
    "filter_rows",
    "holds",
    "policy_for",
    "provide_actors",
    "register_policy",
    "role_reaches",
    "roots_where",
]


def can(user: Any, action: str, obj: Any) -> bool:
    """May `user` do `action` on `obj`? Anyone may do public actions (viewing) to what is
    published. Raises UnknownAction for an action no app declared."""
    action_spec(action)
    return policy_for(obj).allows(actor_for(user), action, obj)


def holds(user: Any, action: str, obj: Any) -> bool:
    """The person's own right to `action` on `obj`, whether or not the object is public: the
    back office lists what a person is responsible for, not everything published."""
    action_spec(action)
    return policy_for(obj).allows(actor_for(user, counts_public=False), action, obj)


def allowed_rows(
    user: Any, action: str, queryset: models.QuerySet, *, own_right: bool = False
) -> models.QuerySet:
    """The rows of `queryset` on which `can(user, action, row)` holds (with `own_right`, on
    which `holds()` does): the same policy answers, so a list never shows what a page refuses."""
    action_spec(action)
    actor = actor_for(user, counts_public=not own_right)
    return policy_for(queryset.model).rows(actor, action, queryset)


def roots_where(user: Any, action: str) -> list[Any]:
    """The territories under which the person's roles grant `action` (for pickers and for
    the scope of imports); the country for superusers, [] for nobody."""
    action_spec(action)
    return actor_for(user).roots(action)


def allowed_actions(user: Any, obj: Any, *, app: str | None = None) -> set[str]:
    """Every declared action (of `app`) that `user` may do on `obj`."""
    return {spec.name for spec in declared_actions(app) if can(user, spec.name, obj)}
