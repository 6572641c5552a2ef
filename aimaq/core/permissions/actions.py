"""Actions, declared by the app that owns them and named `app.verb` ("grants.score").

An app declares its actions once, in its `permissions.py`, and refers to them by the
constants `declare()` returns; `can()` refuses a name nobody declared (a typo raises instead
of silently denying).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise

from .roles import RANK

ACTION_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")


class UnknownAction(LookupError):
    """`can()` was asked about an action no app declared."""


@dataclass(frozen=True)
class ActionSpec:
    name: str
    label: str | Promise
    # The lowest territory role that grants the action over a subtree; None when only facts
    # about the object grant it (committee membership, authorship).
    role: str | None = None
    # Anyone may do it to a published object (viewing).
    public: bool = False

    @property
    def app(self) -> str:
        return self.name.split(".", 1)[0]


_ACTIONS: dict[str, ActionSpec] = {}


def declare(
    name: str, label: str | Promise, *, role: str | None = None, public: bool = False
) -> str:
    """Declare the action `name` ("app.verb") and return its name, for use as a constant."""
    if not ACTION_NAME.fullmatch(name):
        raise ValueError(f"Action names are 'app.verb' in lower case: {name!r}")
    if role is not None and role not in RANK:
        raise ValueError(f"Unknown territory role {role!r} for action {name!r}")
    spec = ActionSpec(name, label, role, public)
    known = _ACTIONS.get(name)
    if known is not None and (known.role, known.public) != (role, public):
        raise ValueError(f"Action {name!r} is already declared differently")
    _ACTIONS[name] = spec
    return name


def action_spec(name: str) -> ActionSpec:
    try:
        return _ACTIONS[name]
    except KeyError:
        raise UnknownAction(f"No app declares the action {name!r}") from None


def declared_actions(app: str | None = None) -> list[ActionSpec]:
    """Every declared action (of one app when `app` is given), in declaration order."""
    return [spec for spec in _ACTIONS.values() if app is None or spec.app == app]
