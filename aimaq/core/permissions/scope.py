"""Where a person may do something, said explicitly — never "no restriction" by omission.

Work that runs away from the request (an import checked in a background job, a push through
the API) carries the person's territory scope with it; `everywhere` must be said, and a
missing or malformed scope reads as nowhere (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .actions import action_spec
from .registry import actor_for


@dataclass(frozen=True)
class TerritoryScope:
    everywhere: bool = False
    prefixes: tuple[str, ...] = ()  # KATO prefixes of the subtrees covered

    @classmethod
    def of(cls, user: Any, action: str) -> TerritoryScope:
        """Where `user`'s territory roles grant `action` (everywhere for a superuser)."""
        actor = actor_for(user)
        if actor.is_superuser and action_spec(action).role is not None:
            return cls(everywhere=True)
        return cls(prefixes=tuple(sorted({root.prefix for root in actor.roots(action)})))

    @classmethod
    def all(cls) -> TerritoryScope:
        """Everywhere: for operators' commands and superusers, said on purpose."""
        return cls(everywhere=True)

    @property
    def is_empty(self) -> bool:
        return not self.everywhere and not self.prefixes

    def covers(self, kato: str) -> bool:
        return self.everywhere or any(kato.startswith(prefix) for prefix in self.prefixes)

    def as_json(self) -> dict:
        return {"everywhere": True} if self.everywhere else {"prefixes": list(self.prefixes)}

    @classmethod
    def from_json(cls, data: Any) -> TerritoryScope:
        """The stored form back; anything else (missing, an old list, garbage) is nowhere."""
        if isinstance(data, dict):
            if data.get("everywhere") is True:
                return cls(everywhere=True)
            prefixes = data.get("prefixes")
            if isinstance(prefixes, list) and all(isinstance(p, str) for p in prefixes):
                return cls(prefixes=tuple(sorted(set(prefixes))))
        return cls()
