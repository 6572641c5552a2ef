"""Writes to the territory registry: each lands whole or not at all, attributed to a person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from aimaq.core.activity import attribute_to
from aimaq.core.permissions import can

from .models import Territory
from .permissions import CHANGE
from .search import forget_index

EDITABLE_FIELDS = (
    "name_kk",
    "name_ru",
    "name_en",
    "population",
    "population_year",
    "centre_lat",
    "centre_lon",
)


def update_territory(territory: Territory, *, by: Any, data: dict[str, Any]) -> Territory:
    """Change a territory's names, population and centre as `by`, recorded in its history.

    Only the editable fields in `data` are written; the person must be allowed to change
    the territory (the central `can` check), else PermissionDenied and nothing is written.
    """
    if not can(by, CHANGE, territory):
        raise PermissionDenied
    with transaction.atomic():
        locked = Territory.objects.select_for_update().defer("boundary", "boundary_web")
        unit = locked.get(pk=territory.pk)
        changed = [
            name for name in EDITABLE_FIELDS if name in data and getattr(unit, name) != data[name]
        ]
        if not changed:
            return unit
        for name in changed:
            setattr(unit, name, data[name])
        unit.full_clean(exclude=["boundary", "boundary_web"])
        attribute_to(unit, by).save(update_fields=changed)
    forget_index()
    return unit
