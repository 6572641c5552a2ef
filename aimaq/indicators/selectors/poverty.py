"""The poverty page: the headcount and the other "poverty_…" indicators of a territory."""

from __future__ import annotations

from dataclasses import dataclass

from aimaq.territories.models import Territory

from ..models import Direction, Indicator
from .maps import indicator_values, latest_period_for, map_units
from .units import country_territory
from .values import Series, series_of

POVERTY_HEADCOUNT = "poverty_rate"


@dataclass
class PovertyDimension:
    indicator: Indicator
    period: str
    value: float | None
    parent_value: float | None
    national_value: float | None


@dataclass
class PovertyAnalysis:
    territory: Territory
    headcount: Indicator | None
    period: str
    value: float | None
    dimensions: list[PovertyDimension]
    trend: list[tuple[Territory, Series]]
    furthest_behind: list[tuple[Territory, float]]  # children, worst first


def poverty_analysis(territory: Territory) -> PovertyAnalysis:
    """The poverty headcount ("poverty_rate") and other "poverty_…" indicators for a
    territory: latest values against its parent and the country, the trend, and its
    children sorted from the furthest behind."""
    indicators = list(Indicator.objects.filter(code__startswith="poverty_").order_by("code"))
    headcount = next((i for i in indicators if i.code == POVERTY_HEADCOUNT), None)
    result = PovertyAnalysis(territory, headcount, "", None, [], [], [])
    if not indicators:
        return result
    parent = territory.parent if territory.parent_id else None
    country = country_territory()
    around = [t for t in (territory, parent, country) if t is not None]
    around = list({t.pk: t for t in around}.values())
    points = series_of([t.pk for t in around], [i.pk for i in indicators])
    for indicator in indicators:
        own = points.get((indicator.pk, territory.pk), [])
        if not own:
            continue
        period, value = own[-1]

        def at(t: Territory | None, indicator=indicator, period=period) -> float | None:
            if t is None or t.pk == territory.pk:
                return None
            return dict(points.get((indicator.pk, t.pk), [])).get(period)

        result.dimensions.append(
            PovertyDimension(indicator, period, value, at(parent), at(country))
        )
    if headcount:
        own = points.get((headcount.pk, territory.pk), [])
        if own:
            result.period, result.value = own[-1]
        result.trend = [(t, points.get((headcount.pk, t.pk), [])) for t in around]
        children = map_units(territory)
        period = result.period or latest_period_for(headcount, [c.pk for c in children])
        values = indicator_values(headcount, children, period) if period else {}
        if not result.period:
            result.period = period
        worst_first = headcount.direction != Direction.HIGHER_IS_BETTER
        result.furthest_behind = sorted(
            ((c, values[c.pk]) for c in children if c.pk in values),
            key=lambda pair: pair[1],
            reverse=worst_first,
        )
    return result
