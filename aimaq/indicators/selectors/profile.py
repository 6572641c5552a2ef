"""The territory profile: every indicator's latest value for one territory, its trend, its
rank among its siblings and its gaps to the parent and the country."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Territory

from .. import readcache
from ..models import Aggregation, Direction, Indicator
from ..visibility import one_reading
from .catalogue import all_indicators, group_by_theme
from .computed import aggregated_series, derive_around
from .periods import PeriodChoice, period_choice
from .units import country_territory, siblings_of
from .values import Series, own_series, period_cap, ratio_series, values_by_period, year_end

SPARKLINE_POINTS = 12

Verdict = str  # "better", "worse", "same" or "" (neutral indicator or nothing to compare)

Latest = tuple[str, float, bool, Series]  # period, value, computed, sparkline


def verdict(value: float | None, other: float | None, direction: str) -> Verdict:
    """Is `value` better or worse than `other` for an indicator with this direction?"""
    if value is None or other is None or direction == Direction.NEUTRAL:
        return ""
    if abs(value - other) < 1e-12:
        return "same"
    higher = value > other
    return "better" if higher == (direction == Direction.HIGHER_IS_BETTER) else "worse"


def rank_of(value: float, others: Iterable[float], direction: str) -> int:
    """Competition rank (1 = best) among `others` (which include `value`)."""
    if direction == Direction.LOWER_IS_BETTER:
        return 1 + sum(1 for other in others if other < value)
    return 1 + sum(1 for other in others if other > value)


@dataclass(slots=True)  # 300 a page: no __dict__ each for the garbage collector to walk
class ProfileRow:
    indicator: Indicator
    period: str
    value: float
    computed: bool = False
    series: Series = field(default_factory=list)
    rank: int | None = None
    rank_total: int = 0
    parent_value: float | None = None
    national_value: float | None = None
    parent_computed: bool = False  # derived from the parent's parts, not reported
    national_computed: bool = False

    @property
    def compares(self) -> bool:
        """Whether the value compares with the parent's and the country's: rates, averages
        and extremes do; a total that adds up over the units below (people, enterprises)
        is always smaller than its parent's, which says nothing about better or worse."""
        return self.indicator.aggregation != Aggregation.SUM

    @property
    def gap_parent(self) -> float | None:
        if self.parent_value is None or not self.compares:
            return None
        return self.value - self.parent_value

    @property
    def gap_national(self) -> float | None:
        if self.national_value is None or not self.compares:
            return None
        return self.value - self.national_value

    @property
    def verdict_parent(self) -> Verdict:
        if not self.compares:
            return ""
        return verdict(self.value, self.parent_value, self.indicator.direction)

    @property
    def verdict_national(self) -> Verdict:
        if not self.compares:
            return ""
        return verdict(self.value, self.national_value, self.indicator.direction)


@dataclass
class TerritoryProfile:
    territory: Territory
    parent: Territory | None
    country: Territory | None
    rows: list[ProfileRow]
    sibling_count: int
    period: str = ""  # the year asked: each row's latest value up to it

    @property
    def parent_is_country(self) -> bool:
        """The parent is the country (an oblast's profile): no separate gap to the parent."""
        return (
            self.parent is not None
            and self.country is not None
            and self.parent.pk == self.country.pk
        )

    def by_theme(self) -> list[tuple[str | Promise, list[ProfileRow]]]:
        return group_by_theme(self.rows, lambda row: row.indicator.theme)


def profile_period(
    territory: Territory, asked: str | None = None, *, on: date | None = None
) -> PeriodChoice:
    """The year a profile shows (the one rule of every page, `periods.py`): asked, else the
    latest year the territory and the units sharing its parent broadly report."""
    around = siblings_of(territory, on=on) if territory.parent_id else [territory.pk]
    choice = period_choice(list(all_indicators()), around, asked)
    cap = period_cap(on)
    if cap and choice.shown > cap:
        choice = PeriodChoice(cap[:4], choice.default, choice.available, choice.counts)
    return choice


@one_reading
def territory_profile(
    territory: Territory,
    *,
    on: date | None = None,
    period: str | None = None,
    compute_missing: bool = True,
) -> TerritoryProfile:
    """Every indicator's latest value for the territory, with a trend, the rank among the
    units of the same parent in the same period, and the gaps to the parent and the country.

    Queries: the indicators (cached), the territory's own series (a range of the key per
    indicator), its siblings, then one read on the key per
    distinct latest period for siblings + parent + country. A derived indicator the
    territory does not report is the ratio of its own reported parts; its parent, country
    and sibling values, where not reported, are the ratios of theirs, read in the same
    per-period queries (marked computed). Only when the parent's or the country's parts are
    not reported either are they aggregated up the tree (`derived_values`). `on` hides
    periods after that day's year and territories not valid on it; `period` (a year) shows
    each indicator's latest value up to that year (`profile_period` gives the default).
    """
    indicators = all_indicators()
    cap = period_cap(on)
    if period:
        cap = min(cap or year_end(period[:4]), year_end(period[:4]))
    latest = _latest_values(territory, indicators, cap, compute_missing)

    parent = territory.parent if territory.parent_id else None
    country = _country_of(territory)
    sibling_ids = siblings_of(territory, on=on) if parent else [territory.pk]
    compare_ids = set(sibling_ids)
    if parent:
        compare_ids.add(parent.pk)
    if country:
        compare_ids.add(country.pk)

    own_id = territory.pk
    parent_id = parent.pk if parent else None
    country_id = country.pk if country and country.pk != own_id else None
    by_period: dict[str, set[int]] = defaultdict(set)
    for indicator_id, (period, *_rest) in latest.items():
        by_period[period].add(indicator_id)
        indicator = indicators[indicator_id]
        if indicator.is_derived:  # its parts, for the units that do not report it
            by_period[period].update(indicator.part_ids)
    wanted = {period: sorted(ids) for period, ids in sorted(by_period.items())}
    compared = sorted(compare_ids)
    # The units of one parent compare with the same units, mostly in the same periods: the
    # next one's page finds them in the read cache (tied to the data version).
    key = readcache.digest([*compared, "|", *(f"{p}:{ids}" for p, ids in wanted.items())])
    around = readcache.cached("around", key, lambda: values_by_period(wanted, compared))
    computed_around: set[tuple[int, int]] = set()  # (indicator_id, territory_id)
    for indicator_id, (period, *_rest) in latest.items():
        indicator = indicators[indicator_id]
        if indicator.is_derived:
            computed_around |= derive_around(
                indicator, around[period], period, compare_ids, (parent_id, country_id)
            )

    sibling_set = set(sibling_ids)
    sibling_set.discard(own_id)
    sibling_values: dict[tuple[str, int], list[float]] = defaultdict(list)
    for period, values in around.items():
        for (indicator_id, territory_id), value in values.items():
            if territory_id in sibling_set:
                sibling_values[(period, indicator_id)].append(value)
    rows = []
    for indicator_id, (period, value, computed, points) in latest.items():
        indicator = indicators[indicator_id]
        values = around[period]
        row = ProfileRow(indicator=indicator, period=period, value=value, computed=computed)
        row.series = points
        if parent_id:
            others = sibling_values.get((period, indicator_id), [])
            if others:  # "1 of 1" ranks nothing
                row.rank = rank_of(value, [*others, value], indicator.direction)
                row.rank_total = len(others) + 1
            if parent_id != country_id:  # an oblast's parent is the country: one column
                row.parent_value = values.get((indicator_id, parent_id))
                row.parent_computed = (indicator_id, parent_id) in computed_around
        if country_id:
            row.national_value = values.get((indicator_id, country_id))
            row.national_computed = (indicator_id, country_id) in computed_around
        rows.append(row)
    rows.sort(key=lambda r: (r.indicator.theme, r.indicator.code))
    return TerritoryProfile(
        territory=territory,
        parent=parent,
        country=country,
        rows=rows,
        sibling_count=len(sibling_ids),
        period=(period or "")[:4],
    )


def _country_of(territory: Territory) -> Territory | None:
    """The current country unit: the root of the territory's chain of parents when that is
    loaded already (`territory_or_404` loads it) and is the current country, else read."""
    node = territory
    while node.parent_id is not None:
        parent = node.parent if Territory.parent.is_cached(node) else None
        if parent is None:
            return country_territory()
        node = parent
    if node.kato == COUNTRY_CODE and node.valid_to is None:
        return node
    return country_territory()


def _latest_values(
    territory: Territory,
    indicators: dict[int, Indicator],
    cap: str | None,
    compute_missing: bool,
) -> dict[int, Latest]:
    """{indicator_id: latest} for the territory: reported, else the ratio of its reported
    parts, else (with `compute_missing`, for a unit with children) aggregated from below."""
    # Not derived here: the profile marks what it computes (see _latest_values).
    series = own_series(territory.pk, list(indicators), cap=cap)
    latest = {
        pk: _latest(points, computed=False) for pk, points in series.items() if pk in indicators
    }
    for pk, indicator in indicators.items():
        if pk not in latest and indicator.is_derived:
            points = ratio_series(indicator, series)
            if points:
                latest[pk] = _latest(points, computed=True)
    if compute_missing:
        missing = [i for pk, i in indicators.items() if pk not in latest]
        if missing and Territory.objects.filter(parent_id=territory.pk).exists():
            for pk, points in aggregated_series(missing, territory, cap).items():
                latest[pk] = _latest(points, computed=True)
    return latest


def _latest(points: Series, *, computed: bool) -> Latest:
    """The last point of a series, oldest first, and its tail for the sparkline."""
    return (points[-1][0], points[-1][1], computed, points[-SPARKLINE_POINTS:])
