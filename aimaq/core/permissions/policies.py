"""Policies: how one kind of object answers `can()` for a single object and for a list.

A policy combines the asker's territory roles (resolved by the `Actor` the accounts app
provides) with facts about the object: its territory, whether it is published, and whatever
the owning app adds — membership of a body, authorship, a declared conflict of interest.
`allows()` answers for one object, `rows()` for a queryset; `QueryPolicy` derives the first
from the second, so a list and a page can never disagree.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from .actions import action_spec

# A condition no row meets (an empty `Q()` means "no condition", and `Q() | x` is just x).
NOTHING = Q(pk__in=[])


class Actor:
    """The person asking, with their territory roles resolved once.

    The accounts app provides the real one (roles come from its grants); this base class is
    the anonymous visitor, who holds no role anywhere.
    """

    def __init__(self, user: Any = None, *, counts_public: bool = True) -> None:
        self.user = user
        # False when asking what the person holds themselves (the back office), not what
        # anyone may see because it is published.
        self.counts_public = counts_public

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False)) and bool(
            getattr(self.user, "is_active", False)
        )

    @property
    def is_superuser(self) -> bool:
        return self.is_authenticated and bool(getattr(self.user, "is_superuser", False))

    @property
    def pk(self) -> Any:
        return self.user.pk if self.is_authenticated else None

    def has_role(self, action: str, territory: Any) -> bool:
        """Does a territory role over `territory` (or above it) grant `action`?"""
        return False

    def role_q(self, action: str, path: str | None) -> Q | None:
        """Rows whose territory (reached by `path`; "" for territories themselves) lies where
        a role grants `action`; None means every row."""
        return NOTHING

    def roots(self, action: str) -> list[Any]:
        """The territories under which a role grants `action` (the country for superusers)."""
        return []


def either(*conditions: Q | None) -> Q | None:
    """OR of conditions, where None is "every row" and NOTHING adds nothing."""
    present: list[Q] = []
    for condition in conditions:
        if condition is None:
            return None
        if condition is not NOTHING:
            present.append(condition)
    if not present:
        return NOTHING
    result = present[0]
    for condition in present[1:]:
        result = result | condition
    return result


def both(*conditions: Q | None) -> Q | None:
    """AND of conditions, where None is "every row"."""
    present = [condition for condition in conditions if condition is not None]
    if not present:
        return None
    result = present[0]
    for condition in present[1:]:
        result &= condition
    return result


def filter_rows(queryset: models.QuerySet, condition: Q | None) -> models.QuerySet:
    return queryset if condition is None else queryset.filter(condition)


class Policy:
    """The default rule: published objects are public for public actions; otherwise a
    territory role over the object's territory decides.

    `territory_path` leads from the object to its territory ("" when the object is one,
    None when it has none); `published` is True (always public), False (never) or the name
    of a boolean field.
    """

    territory_path: str | None = "territory"
    published: bool | str = True

    def __init__(
        self, *, territory_path: str | None = None, published: bool | str | None = None
    ) -> None:
        if territory_path is not None:
            self.territory_path = territory_path
        if published is not None:
            self.published = published

    # Facts about one object

    def territory(self, obj: Any) -> Any:
        if self.territory_path is None:
            return None
        if self.territory_path == "":
            return obj
        for part in self.territory_path.split("__"):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def is_public(self, obj: Any) -> bool:
        if isinstance(self.published, bool):
            return self.published
        return bool(getattr(obj, self.published, False))

    def public_q(self) -> Q | None:
        if isinstance(self.published, bool):
            return None if self.published else NOTHING
        return Q(**{self.published: True})

    # The answers

    def allows(self, actor: Actor, action: str, obj: Any) -> bool:
        if action_spec(action).public and actor.counts_public and self.is_public(obj):
            return True
        return actor.has_role(action, self.territory(obj))

    def condition(self, actor: Actor, action: str) -> Q | None:
        """The rows `actor` may `action`, as a condition (None: every row)."""
        rows = actor.role_q(action, self.territory_path)
        if action_spec(action).public and actor.counts_public:
            rows = either(rows, self.public_q())
        return rows

    def rows(self, actor: Actor, action: str, queryset: models.QuerySet) -> models.QuerySet:
        return filter_rows(queryset, self.condition(actor, action))


class QueryPolicy(Policy):
    """A policy written once, as a condition on rows; a saved object is allowed exactly when
    its row is among them. Unsaved objects (being created) fall back to the territory rule."""

    def allows(self, actor: Actor, action: str, obj: Any) -> bool:
        if getattr(obj, "pk", None) is None:
            return super().allows(actor, action, obj)
        single = type(obj)._default_manager.filter(pk=obj.pk)
        return self.rows(actor, action, single).exists()


class DuckPolicy(Policy):
    """For objects no app registered a policy for: the territory is the object itself (if it
    is one), its `get_territory()` or its `territory`; it is public unless `is_published`
    says otherwise."""

    def territory(self, obj: Any) -> Any:
        getter = getattr(obj, "get_territory", None)
        if callable(getter):
            return getter()
        if hasattr(obj, "kato") and hasattr(obj, "contains"):
            return obj
        return getattr(obj, "territory", None)

    def is_public(self, obj: Any) -> bool:
        return bool(getattr(obj, "is_published", True))
