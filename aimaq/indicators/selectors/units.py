"""The territories a read is about: one unit by code, the country, a unit's siblings."""

from __future__ import annotations

from datetime import date

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Territory

from ..visibility import once_per_reading


def current_territory(kato: str) -> Territory | None:
    """The currently valid unit with this KATO code (its parent loaded), or None."""
    # Without the boundaries (read, where a map needs them, by `web_boundaries`): an
    # oblast's outline is a large JSON document to parse on every page.
    heavy = ("boundary", "boundary_web", "parent__boundary", "parent__boundary_web")
    found = Territory.objects.current().filter(kato=kato).select_related("parent")
    return found.defer(*heavy).first()


def country_territory() -> Territory | None:
    """The current country unit, without its boundary, or None."""
    return Territory.objects.current().filter(kato=COUNTRY_CODE).defer("boundary").first()


def siblings_of(territory: Territory, *, on: date | None = None) -> list[int]:
    """Ids of the units sharing the territory's parent (the territory included), valid on
    `on` or, without it, current."""
    if territory.parent_id is None:
        return [territory.pk]

    def read() -> list[int]:
        units = Territory.objects.filter(parent_id=territory.parent_id)
        units = units.valid_on(on) if on else units.current()
        ids = list(units.values_list("pk", flat=True))
        return ids if territory.pk in ids else [*ids, territory.pk]

    # a page asks twice (its period, its ranks): read once per request
    return list(once_per_reading(f"siblings:{territory.pk}:{on}", read))
