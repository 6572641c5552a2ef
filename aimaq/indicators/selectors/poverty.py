"""The poverty page: the headcount and the other indicators of the poverty theme."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from aimaq.territories.models import Territory

from ..models import Direction, Indicator, Theme
from ..visibility import one_reading
from .maps import indicator_values, map_units
from .periods import PeriodChoice, period_choice
from .units import country_territory
from .values import Series, series_of, year_end

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
    periods: PeriodChoice | None = None


@one_reading
def poverty_analysis(territory: Territory, period: str | None = None) -> PovertyAnalysis:
    """The poverty headcount ("poverty_rate") and the other indicators of the poverty theme
    for a territory: values against its parent and the country, the trend, and its children
    sorted from the furthest behind — in `period` (a year), by default the latest year the
    territory and its units broadly report (the one rule, `periods.py`)."""
    indicators = list(
        Indicator.objects.filter(Q(theme=Theme.POVERTY) | Q(code=POVERTY_HEADCOUNT)).order_by(
            "code"
        )
    )
    headcount = next((i for i in indicators if i.code == POVERTY_HEADCOUNT), None)
    if headcount is not None:  # the headcount first, then the others by code
        indicators = [headcount, *[i for i in indicators if i is not headcount]]
    children = map_units(territory)
    choice = period_choice(
        [i.pk for i in indicators], [territory.pk, *[c.pk for c in children]], period
    )
    result = PovertyAnalysis(territory, headcount, choice.shown, None, [], [], [], choice)
    if not indicators:
        return result
    parent = territory.parent if territory.parent_id else None
    country = country_territory()
    around = [t for t in (territory, parent, country) if t is not None]
    around = list({t.pk: t for t in around}.values())
    cap = year_end(choice.shown) if choice.shown else None
    points = series_of([t.pk for t in around], [i.pk for i in indicators], cap=cap)
    for indicator in indicators:
        own = points.get((indicator.pk, territory.pk), [])
        if not own:
            continue
        shown, value = own[-1]

        def at(t: Territory | None, indicator=indicator, shown=shown) -> float | None:
            if t is None or t.pk == territory.pk:
                return None
            return dict(points.get((indicator.pk, t.pk), [])).get(shown)

        result.dimensions.append(PovertyDimension(indicator, shown, value, at(parent), at(country)))
    if headcount:
        own = points.get((headcount.pk, territory.pk), [])
        if own:
            result.value = own[-1][1]
        result.trend = [(t, points.get((headcount.pk, t.pk), [])) for t in around]
        values = indicator_values(headcount, children, choice.shown) if choice.shown else {}
        worst_first = headcount.direction != Direction.HIGHER_IS_BETTER
        result.furthest_behind = sorted(
            ((c, values[c.pk]) for c in children if c.pk in values),
            key=lambda pair: pair[1],
            reverse=worst_first,
        )
    return result
