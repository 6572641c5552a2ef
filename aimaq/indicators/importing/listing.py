"""What the preview lists about territories: each distinct name of the file with the unit it
was read as (level and KATO code), how, and whether the person should look at it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aimaq.territories.models import Level

if TYPE_CHECKING:
    from .matching import Match, TerritoryIndex

MAX_LISTED = 2000  # distinct names kept on the run; the ones to look at come first


class MatchListing:
    """Collects the matches of (name, period) cells into one entry per name and unit."""

    def __init__(self, index: TerritoryIndex) -> None:
        self.index = index
        self._entries: dict[tuple[str, int | None], dict] = {}

    def add(self, token: str, period: str, match: Match) -> None:
        key = (token, match.territory_id)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = self._entry(token, match)
        if period:
            entry["first"] = min(entry["first"] or period, period)
            entry["last"] = max(entry["last"] or period, period)
        entry["asked"] = entry["asked"] or match.asked

    def _entry(self, token: str, match: Match) -> dict:
        units = self.index.units
        unit = units.get(match.territory_id) if match.territory_id is not None else None
        choices = [match.territory_id, *match.also] if unit else list(match.also)
        return {
            "name": token,
            "kato": unit.kato if unit else "",
            "unit": unit.label if unit else "",
            "level": str(Level(unit.level).label) if unit else "",
            "how": match.how,
            "note": match.note,
            "asked": match.asked,
            "refused": match.expected if unit is None else "",
            "choices": [
                {
                    "kato": units[pk].kato,
                    "label": units[pk].label,
                    "level": str(Level(units[pk].level).label),
                }  # fmt: skip
                for pk in dict.fromkeys(choices)
                if pk in units
            ],
            "first": "",
            "last": "",
        }

    def entries(self) -> list[dict]:
        """The entries, those to look at first (asked, then refused), then by name."""
        ordered = sorted(
            self._entries.values(),
            key=lambda e: (not e["asked"], not e["refused"], e["name"].casefold(), e["kato"]),
        )
        return ordered[:MAX_LISTED]
