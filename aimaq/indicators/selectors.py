"""Reads that build the evidence-base pages and their API twins.

Every selector reads totals only (disaggregation ""), batches its queries by territory set
and period so they run on the (territory, indicator, period) index and the unique key, and
never issues one query per indicator or per territory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max

from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory

from .aggregation import aggregate, territory_tree
from .derived import derived_values
from .models import Aggregation, Direction, Indicator, Observation, Theme

SPARKLINE_POINTS = 12

Verdict = str  # "better", "worse", "same" or "" (neutral indicator or nothing to compare)


def period_year(period: str) -> int:
    return int(period[:4])


def period_cap(on: date | None) -> str | None:
    """The last period string visible on a day: anything of that year or before."""
    return None if on is None else f"{on.year}-~"  # "~" sorts after "Q4" and "12"


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


def indicators_by_theme() -> list[tuple[str, list[Indicator]]]:
    """Indicators grouped by theme, themes in their declared order."""
    groups: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.order_by("theme", "code"):
        groups[indicator.theme].append(indicator)
    return [(label, groups[value]) for value, label in Theme.choices if groups.get(value)]


def current_territory(kato: str) -> Territory | None:
    return Territory.objects.current().filter(kato=kato).select_related("parent").first()


def country_territory() -> Territory | None:
    return Territory.objects.current().filter(kato=COUNTRY_CODE).defer("boundary").first()


def siblings_of(territory: Territory, *, on: date | None = None) -> list[int]:
    """Ids of the units sharing the territory's parent (the territory included)."""
    if territory.parent_id is None:
        return [territory.pk]
    units = Territory.objects.filter(parent_id=territory.parent_id)
    units = units.valid_on(on) if on else units.current()
    ids = list(units.values_list("pk", flat=True))
    return ids if territory.pk in ids else [*ids, territory.pk]


def values_at(
    indicator_ids: Sequence[int], territory_ids: Sequence[int], period: str
) -> dict[tuple[int, int], float]:
    """{(indicator_id, territory_id): value} for one period, totals only."""
    if not indicator_ids or not territory_ids:
        return {}
    rows = Observation.objects.filter(
        territory_id__in=territory_ids,
        indicator_id__in=indicator_ids,
        period=period,
        disaggregation="",
    ).values_list("indicator_id", "territory_id", "value")
    return {(i, t): v for i, t, v in rows}


# --- territory profile ---------------------------------------------------------------------


@dataclass
class ProfileRow:
    indicator: Indicator
    period: str
    value: float
    computed: bool = False
    series: list[tuple[str, float]] = field(default_factory=list)
    rank: int | None = None
    rank_total: int = 0
    parent_value: float | None = None
    national_value: float | None = None
    parent_computed: bool = False  # derived from the parent's parts, not reported
    national_computed: bool = False

    @property
    def gap_parent(self) -> float | None:
        return None if self.parent_value is None else self.value - self.parent_value

    @property
    def gap_national(self) -> float | None:
        return None if self.national_value is None else self.value - self.national_value

    @property
    def verdict_parent(self) -> Verdict:
        return verdict(self.value, self.parent_value, self.indicator.direction)

    @property
    def verdict_national(self) -> Verdict:
        return verdict(self.value, self.national_value, self.indicator.direction)


@dataclass
class TerritoryProfile:
    territory: Territory
    parent: Territory | None
    country: Territory | None
    rows: list[ProfileRow]
    sibling_count: int

    def by_theme(self) -> list[tuple[str, list[ProfileRow]]]:
        groups: dict[str, list[ProfileRow]] = defaultdict(list)
        for row in self.rows:
            groups[row.indicator.theme].append(row)
        return [(label, groups[value]) for value, label in Theme.choices if groups.get(value)]


def _computed_latest(
    indicators: Iterable[Indicator], territory: Territory, cap: str | None
) -> dict[int, tuple[str, float, list[tuple[str, float]]]]:
    """Latest aggregated values for indicators the territory has no reported value for."""
    found = {}
    tree = territory_tree(territory)
    for indicator in indicators:
        if indicator.aggregation == Aggregation.NONE and not indicator.is_derived:
            continue
        computed = aggregate(indicator, root=territory, tree=tree)
        points = sorted(
            (v.period, v.value)
            for v in computed
            if _territory_id(v) == territory.pk
            and not getattr(v, "disaggregation", "")
            and (cap is None or v.period <= cap)
        )
        if points:
            found[indicator.pk] = (points[-1][0], points[-1][1], points[-SPARKLINE_POINTS:])
    return found


def _territory_id(aggregated: object) -> int | None:
    territory_id = getattr(aggregated, "territory_id", None)
    if territory_id is None:
        territory = getattr(aggregated, "territory", None)
        territory_id = getattr(territory, "pk", territory)
    return territory_id


_indicator_cache: dict[str, object] = {"key": None, "indicators": {}}


def all_indicators() -> dict[int, Indicator]:
    """Every indicator by id, kept between calls until one is added, changed or deleted.

    Building 300 model instances costs more than the profile's value queries, so they are
    cached; the key (count and the latest history row, which every save and delete writes)
    is one cheap aggregate query.
    """
    history = Indicator.history.model
    last = history.objects.aggregate(id=Max("history_id"), at=Max("history_date"))
    key = (Indicator.objects.count(), last["id"], last["at"])
    if _indicator_cache["key"] != key:
        _indicator_cache["indicators"] = {i.pk: i for i in Indicator.objects.all()}
        _indicator_cache["key"] = key
    return _indicator_cache["indicators"]  # type: ignore[return-value]


def territory_profile(
    territory: Territory, *, on: date | None = None, compute_missing: bool = True
) -> TerritoryProfile:
    """Every indicator's latest value for the territory, with a trend, the rank among the
    units of the same parent in the same period, and the gaps to the parent and the country.

    Queries: the indicators (cached), the territory's own series (a range of the
    (territory, indicator, period) index), its siblings, then one read on the unique key per
    distinct latest period for siblings + parent + country. A derived indicator the
    territory does not report is the ratio of its own reported parts; its parent, country
    and sibling values, where not reported, are the ratios of theirs, read in the same
    per-period queries (marked computed). Only when the parent's or the country's parts are
    not reported either are they aggregated up the tree (`derived_values`). `on` hides
    periods after that day's year and territories not valid on it.
    """
    cap = period_cap(on)
    indicators = all_indicators()
    own = Observation.objects.filter(territory_id=territory.pk, disaggregation="")
    if cap:
        own = own.filter(period__lte=cap)
    series: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for indicator_id, period, value in own.values_list("indicator_id", "period", "value"):
        series[indicator_id].append((period, value))

    latest: dict[int, tuple[str, float, bool, list[tuple[str, float]]]] = {}
    for indicator_id, points in series.items():
        if indicator_id not in indicators:
            continue
        points.sort()
        latest[indicator_id] = (points[-1][0], points[-1][1], False, points[-SPARKLINE_POINTS:])
    for pk, indicator in indicators.items():
        if pk not in latest and indicator.is_derived:
            points = _ratio_series(indicator, series)
            if points:
                latest[pk] = (points[-1][0], points[-1][1], True, points[-SPARKLINE_POINTS:])
    if compute_missing:
        missing = [i for pk, i in indicators.items() if pk not in latest]
        if missing and Territory.objects.filter(parent_id=territory.pk).exists():
            for pk, (period, value, points) in _computed_latest(missing, territory, cap).items():
                latest[pk] = (period, value, True, points)

    parent = territory.parent if territory.parent_id else None
    country = country_territory()
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
            by_period[period].update((indicator.numerator_id, indicator.denominator_id))
    around: dict[str, dict[tuple[int, int], float]] = {}
    for period, ids in by_period.items():
        around[period] = values_at(sorted(ids), sorted(compare_ids), period)
    computed_around: set[tuple[int, int]] = set()  # (indicator_id, territory_id)
    for indicator_id, (period, *_rest) in latest.items():
        indicator = indicators[indicator_id]
        if indicator.is_derived:
            computed_around |= _derive_around(
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
            row.rank = rank_of(value, [*others, value], indicator.direction)
            row.rank_total = len(others) + 1
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
    )


def _ratio(indicator: Indicator, numerator: float | None, denominator: float | None):
    if numerator is None or not denominator:
        return None
    return numerator / denominator * float(indicator.factor)


def _ratio_series(
    indicator: Indicator, series: dict[int, list[tuple[str, float]]]
) -> list[tuple[str, float]]:
    """The derived indicator over the periods where both its parts are in `series`."""
    numerators = dict(series.get(indicator.numerator_id, ()))
    denominators = dict(series.get(indicator.denominator_id, ()))
    points = []
    for period in sorted(numerators.keys() & denominators.keys()):
        value = _ratio(indicator, numerators[period], denominators[period])
        if value is not None:
            points.append((period, value))
    return points


def _derive_around(
    indicator: Indicator,
    values: dict[tuple[int, int], float],
    period: str,
    territory_ids: Iterable[int],
    required: Iterable[int | None],
) -> set[tuple[int, int]]:
    """Fills `values` with the derived indicator for the units that do not report it: the
    ratio of their reported parts; when a `required` unit (parent, country) has no reported
    parts either, the parts aggregated up the tree for every unit still without a value.
    Returns the keys filled."""
    pk = indicator.pk
    filled = set()
    for territory_id in territory_ids:
        if (pk, territory_id) in values:
            continue
        value = _ratio(
            indicator,
            values.get((indicator.numerator_id, territory_id)),
            values.get((indicator.denominator_id, territory_id)),
        )
        if value is not None:
            values[(pk, territory_id)] = value
            filled.add((pk, territory_id))
    if any(t is not None and (pk, t) not in values for t in required):
        wanted = [Territory(pk=t) for t in territory_ids if (pk, t) not in values]
        for derived in derived_values(indicator, wanted, [period]):
            if not derived.disaggregation:
                values[(pk, derived.territory_id)] = derived.value
                filled.add((pk, derived.territory_id))
    return filled


# --- comparison table ----------------------------------------------------------------------


@dataclass
class ComparisonCell:
    value: float | None
    period: str


@dataclass
class ComparisonTable:
    territories: list[Territory]
    indicators: list[Indicator]
    period: str
    cells: dict[tuple[int, int], ComparisonCell]  # (territory_id, indicator_id)

    def rows(self) -> list[tuple[Territory, list[ComparisonCell | None]]]:
        return [
            (t, [self.cells.get((t.pk, i.pk)) for i in self.indicators]) for t in self.territories
        ]

    def sorted_by(self, code: str | None, descending: bool = False) -> ComparisonTable:
        """Territories ordered by one indicator's value (missing values last) or by name."""
        index = {i.code: i for i in self.indicators}
        if code in index:
            pk = index[code].pk
            present = [t for t in self.territories if self._value(t.pk, pk) is not None]
            absent = [t for t in self.territories if self._value(t.pk, pk) is None]
            present.sort(key=lambda t: self._value(t.pk, pk), reverse=descending)
            order = present + absent
        elif code == "name":
            order = sorted(self.territories, key=lambda t: t.name, reverse=descending)
        else:
            order = list(self.territories)
        return ComparisonTable(order, self.indicators, self.period, self.cells)

    def _value(self, territory_id: int, indicator_id: int) -> float | None:
        cell = self.cells.get((territory_id, indicator_id))
        return None if cell is None else cell.value


def latest_common_period(indicators: Sequence[Indicator], territory_ids: Sequence[int]) -> str:
    """The most recent year any of the chosen territories has any chosen indicator for."""
    found = (
        Observation.objects.filter(
            territory_id__in=territory_ids,
            indicator_id__in=[i.pk for i in indicators],
            disaggregation="",
        )
        .aggregate(latest=Max("period"))
        .get("latest")
    )
    return found[:4] if found else ""


def comparison_table(
    territories: Sequence[Territory], indicators: Sequence[Indicator], period: str | None = None
) -> ComparisonTable:
    """Chosen territories × chosen indicators for one year.

    Annual indicators read that year; sub-annual ones the latest quarter or month of it
    (the cell keeps the period it shows). One query.
    """
    territory_ids = [t.pk for t in territories]
    if not period:
        period = latest_common_period(indicators, territory_ids)
    cells: dict[tuple[int, int], ComparisonCell] = {}
    if period and territory_ids and indicators:
        year = period[:4]
        rows = Observation.objects.filter(
            territory_id__in=territory_ids,
            indicator_id__in=[i.pk for i in indicators],
            period__gte=year,
            period__lte=f"{year}-~",
            disaggregation="",
        ).values_list("territory_id", "indicator_id", "period", "value")
        for territory_id, indicator_id, found_period, value in rows:
            if len(period) > 4 and found_period != period:
                continue
            key = (territory_id, indicator_id)
            existing = cells.get(key)
            # the annual figure wins; otherwise the latest sub-period of the year
            if existing is None or (
                len(existing.period) > 4
                and (len(found_period) == 4 or found_period > existing.period)
            ):
                cells[key] = ComparisonCell(value=value, period=found_period)
    return ComparisonTable(list(territories), list(indicators), period or "", cells)


# --- choropleth data -----------------------------------------------------------------------


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
    return dict(rows.values_list("pk", "boundary_web"))


def latest_period_for(indicator: Indicator, territory_ids: Sequence[int]) -> str:
    found = (
        Observation.objects.filter(
            indicator_id=indicator.pk, territory_id__in=territory_ids, disaggregation=""
        )
        .aggregate(latest=Max("period"))
        .get("latest")
    )
    return found or ""


def indicator_values(
    indicator: Indicator, territories: Sequence[Territory], period: str
) -> dict[int, float]:
    """{territory_id: value} of one indicator in one period (one query on the unique key)."""
    return {
        t: v
        for (_i, t), v in values_at([indicator.pk], [t.pk for t in territories], period).items()
    }


def indicator_periods(indicator: Indicator) -> list[str]:
    return list(
        Observation.objects.filter(indicator_id=indicator.pk, disaggregation="")
        .values_list("period", flat=True)
        .distinct()
        .order_by("-period")
    )


# --- time series ---------------------------------------------------------------------------


def time_series(
    indicator: Indicator, territories: Sequence[Territory]
) -> list[tuple[Territory, list[tuple[str, float]]]]:
    """Each territory's values of one indicator over all periods, oldest first."""
    points: dict[int, list[tuple[str, float]]] = defaultdict(list)
    rows = Observation.objects.filter(
        indicator_id=indicator.pk,
        territory_id__in=[t.pk for t in territories],
        disaggregation="",
    ).values_list("territory_id", "period", "value")
    for territory_id, period, value in rows:
        points[territory_id].append((period, value))
    return [(t, sorted(points.get(t.pk, []))) for t in territories]


# --- poverty -------------------------------------------------------------------------------

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
    trend: list[tuple[Territory, list[tuple[str, float]]]]
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
    rows = Observation.objects.filter(
        territory_id__in=[t.pk for t in around],
        indicator_id__in=[i.pk for i in indicators],
        disaggregation="",
    ).values_list("indicator_id", "territory_id", "period", "value")
    points: dict[tuple[int, int], list[tuple[str, float]]] = defaultdict(list)
    for indicator_id, territory_id, period, value in rows:
        points[(indicator_id, territory_id)].append((period, value))
    for series in points.values():
        series.sort()
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
