"""Choropleth data: the units a map shows, their boundaries, and one indicator's values."""

from __future__ import annotations

from collections.abc import Sequence

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory

from ..models import Indicator
from .values import latest_period, totals, values_at


def map_units(parent: Territory, *, level: str | None = None) -> list[Territory]:
    """The children of `parent`, or with `level` every current unit of that level below it."""
    units = Territory.objects.current()
    if level:
        levels = [level]
        if level == Level.RAYON:  # cities of oblast significance sit at the rayon level
            levels = [Level.RAYON, Level.CITY_OBLAST]
        units = units.filter(level__in=levels)
        if parent.kato != COUNTRY_CODE:
            units = units.subtree(parent)
    else:
        units = units.filter(parent_id=parent.pk)
    return list(units.defer("boundary", "boundary_web").order_by("kato"))


def web_boundaries(territory_ids: Sequence[int]) -> dict[int, dict]:
    """Simplified boundaries, read only when a map is drawn (they are the heavy column)."""
    rows = Territory.objects.filter(pk__in=territory_ids, boundary_web__isnull=False)
    return {pk: web for pk, web in rows.values_list("pk", "boundary_web") if web is not None}


def latest_period_for(indicator: Indicator, territory_ids: Sequence[int]) -> str:
    """The most recent period any of the territories has the indicator for, or ""."""
    return latest_period([indicator.pk], territory_ids)


def indicator_values(
    indicator: Indicator, territories: Sequence[Territory], period: str
) -> dict[int, float]:
    """{territory_id: value} of one indicator in one period (one query on the unique key)."""
    values = values_at([indicator.pk], [t.pk for t in territories], period)
    return {territory_id: value for (_i, territory_id), value in values.items()}


def indicator_periods(indicator: Indicator) -> list[str]:
    """Every period the indicator has a total for (a derived one: both its parts), newest
    first."""

    def periods(pk: int) -> set[str]:
        return set(totals().filter(indicator_id=pk).values_list("period", flat=True).distinct())

    found = periods(indicator.pk)
    if indicator.is_derived:
        numerator_id, denominator_id = indicator.part_ids
        found |= periods(numerator_id) & periods(denominator_id)
    return sorted(found, reverse=True)
