"""Which policy answers for which kind of object, and who provides the asker's roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .policies import Actor, DuckPolicy, Policy

_POLICIES: dict[type, Policy] = {}
_DUCK = DuckPolicy()
_actor_factory: Callable[..., Actor] = Actor


def register_policy(model: type, policy: Policy) -> None:
    """Let `policy` answer for `model` (and its subclasses without a policy of their own).
    Call it from the owning app's `AppConfig.ready()`."""
    _POLICIES[model] = policy


def policy_for(obj_or_model: Any) -> Policy:
    kind = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in kind.__mro__:
        if klass in _POLICIES:
            return _POLICIES[klass]
    return _DUCK


def provide_actors(factory: Callable[..., Actor]) -> None:
    """`factory(user, counts_public=...)` builds the Actor for a person (the accounts app
    registers the one that reads role grants)."""
    global _actor_factory
    _actor_factory = factory


def actor_for(user: Any, *, counts_public: bool = True) -> Actor:
    if isinstance(user, Actor):
        return user
    return _actor_factory(user, counts_public=counts_public)
