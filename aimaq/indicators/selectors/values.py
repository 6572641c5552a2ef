"""Batched reads of reported totals (disaggregation "") that the other selectors share.

Each read is one query, filtered by a set of indicators and territories: ranges of the
observations' key (indicator, territory, period, disaggregation) — never one query per
indicator or per territory. The key is the table's only index, so a read always names its
indicators, all of them when it wants every one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.db import connection
from django.db.models import Max, QuerySet

from ..models import Indicator, Observation, ObservationStatus
from ..visibility import REPORTED_SQL, hidden_sql, replaced_values, visible

Series = list[tuple[str, float]]  # (period, value), oldest first


def year_end(year: int | str) -> str:
    """The upper bound of a year's period strings: "2024", "2024-Q4" and "2024-12" sort
    before "2024-~" ("~" sorts after "Q4" and "12"), "2025" after it."""
    return f"{year}-~"


def period_cap(on: date | None) -> str | None:
    """The last period string visible on a day: anything of that year or before."""
    return None if on is None else year_end(on.year)


def totals() -> QuerySet[Observation]:
    """Reported observations of whole territories, not of a disaggregation (sex, age…),
    that the reader may see (`visibility`: approved ones, and for officials in scope those
    awaiting approval). Projections are left out: they are never read as figures, ranked,
    mapped by default or summed (`projections_of` reads them apart). Values a hidden import
    replaced come back through `replaced_values`."""
    return visible(
        Observation.objects.filter(disaggregation="").exclude(status=ObservationStatus.PROJECTION)
    )


def projections_of(
    territory_ids: Sequence[int], indicator_ids: Sequence[int]
) -> dict[tuple[int, int], Series]:
    """{(indicator_id, territory_id): projected series}, oldest first: the values imported
    with the status "projection", shown apart from the reported ones. One query."""
    rows = visible(
        Observation.objects.filter(
            disaggregation="",
            indicator_id__in=indicator_ids,
            territory_id__in=territory_ids,
            status=ObservationStatus.PROJECTION,
        )
    )
    points: dict[tuple[int, int], Series] = defaultdict(list)
    for indicator_id, territory_id, period, value in rows.order_by("period").values_list(
        "indicator_id", "territory_id", "period", "value"
    ):
        points[(indicator_id, territory_id)].append((period, value))
    return dict(points)


def values_at(
    indicator_ids: Sequence[int],
    territory_ids: Sequence[int],
    period: str,
    *,
    derive: bool = True,
) -> dict[tuple[int, int], float]:
    """{(indicator_id, territory_id): value} for one period, totals only. With `derive`, a
    derived indicator a unit does not report is the ratio of its reported parts."""
    if not indicator_ids or not territory_ids:
        return {}
    ratios = _ratios(indicator_ids) if derive else {}
    ids = _with_parts(indicator_ids, ratios)
    rows = totals().filter(territory_id__in=territory_ids, indicator_id__in=ids, period=period)
    values = {(i, t): v for i, t, v in rows.values_list("indicator_id", "territory_id", "value")}
    for i, t, _p, _d, v in replaced_values(ids, territory_ids, period=period):
        values[(i, t)] = v
    for indicator in ratios.values():
        fill_ratios(indicator, values, territory_ids)
    wanted = set(indicator_ids)
    return {key: value for key, value in values.items() if key[0] in wanted}


def values_by_period(
    wanted: Mapping[str, Sequence[int]], territory_ids: Sequence[int]
) -> dict[str, dict[tuple[int, int], float]]:
    """{period: {(indicator_id, territory_id): value}} of the indicators wanted in each
    period: `values_at(…, derive=False)` of several periods in one query."""
    found: dict[str, dict[tuple[int, int], float]] = {period: {} for period in wanted}
    asked = {period: ids for period, ids in wanted.items() if ids}
    if not asked or not territory_ids:
        return found
    # One SELECT a period, joined by UNION ALL: the periods' rows are apart, and an OR of
    # them made SQLite collect every row's key to weed out duplicates (a fifth of the read).
    table = Observation._meta.db_table
    territories = _marks(territory_ids)
    tail = _published_totals_sql()
    selects: list[str] = []
    params: list[int | str] = []
    for period, ids in asked.items():
        selects.append(
            f"SELECT indicator_id, territory_id, period, value FROM {table} "
            f"WHERE indicator_id IN ({_marks(ids)}) AND territory_id IN ({territories}) "
            f"AND period = %s {tail}"
        )
        params += [*ids, *territory_ids, period]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for i, t, p, v in cursor.fetchall():
            found[p][(i, t)] = v
    every = sorted({pk for ids in asked.values() for pk in ids})
    for i, t, p, _d, v in replaced_values(every, territory_ids, periods=list(asked)):
        if i in asked.get(p, ()):
            found[p][(i, t)] = v
    return found


def _marks(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


def _published_totals_sql() -> str:
    """The condition that keeps totals (no disaggregation) of reported figures the reader
    may see, for the raw reads of this module."""
    return f"AND disaggregation = ''{REPORTED_SQL}{hidden_sql()}"


def series_of(
    territory_ids: Sequence[int],
    indicator_ids: Sequence[int],
    *,
    cap: str | None = None,
    derive: bool = True,
) -> dict[tuple[int, int], Series]:
    """{(indicator_id, territory_id): series} of totals, oldest first; periods after `cap`
    left out. With `derive`, a derived indicator a unit does not report is the ratio of its
    reported parts, period by period. One query."""
    ratios = _ratios(indicator_ids) if derive else {}
    ids = _with_parts(indicator_ids, ratios)
    points: dict[tuple[int, int], Series] = defaultdict(list)
    if ids and territory_ids:  # `totals()`, in SQL: a national profile reads 4,500 rows
        sql = (
            "SELECT indicator_id, territory_id, period, value FROM "
            f"{Observation._meta.db_table} WHERE indicator_id IN ({_marks(ids)}) "
            f"AND territory_id IN ({_marks(territory_ids)}) {_published_totals_sql()}"
        )
        params: list[int | str] = [*ids, *territory_ids]
        if cap:
            sql += " AND period <= %s"
            params.append(cap)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for indicator_id, territory_id, period, value in cursor.fetchall():
                points[(indicator_id, territory_id)].append((period, value))
    for indicator_id, territory_id, period, _d, value in replaced_values(
        _with_parts(indicator_ids, ratios), territory_ids, cap=cap
    ):
        points[(indicator_id, territory_id)].append((period, value))
    for pk, indicator in ratios.items():
        for territory_id in territory_ids:
            if (pk, territory_id) not in points:
                parts = {part: points.get((part, territory_id), []) for part in indicator.part_ids}
                points[(pk, territory_id)] = ratio_series(indicator, parts)
    wanted = set(indicator_ids)
    found = {key: series for key, series in points.items() if key[0] in wanted and series}
    for series in found.values():
        series.sort()
    return found


def own_series(
    territory_id: int, indicator_ids: Sequence[int], *, cap: str | None = None
) -> dict[int, Series]:
    """{indicator_id: series} of one territory: `series_of([territory_id], indicator_ids,
    cap=cap, derive=False)` keyed by indicator alone. Read without the territory's column
    and without a key made per row: a profile reads some 4,750 figures here, and making
    their Python objects costs more than SQLite's finding them."""
    ids = sorted(set(indicator_ids))
    points: dict[int, Series] = defaultdict(list)
    if ids:
        sql = (
            "SELECT indicator_id, period, value FROM "
            f"{Observation._meta.db_table} WHERE indicator_id IN ({_marks(ids)}) "
            f"AND territory_id = %s {_published_totals_sql()}"
        )
        params: list[int | str] = [*ids, territory_id]
        if cap:
            sql += " AND period <= %s"
            params.append(cap)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for indicator_id, period, value in cursor.fetchall():
                points[indicator_id].append((period, value))
    for indicator_id, _t, period, _d, value in replaced_values(ids, [territory_id], cap=cap):
        points[indicator_id].append((period, value))
    found = {pk: series for pk, series in points.items() if series}
    for series in found.values():
        series.sort()
    return found


def ratio(indicator: Indicator, numerator: float | None, denominator: float | None):
    """The derived indicator from its parts' values, or None when a part is missing or the
    denominator is zero."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator * float(indicator.factor)


def ratio_series(indicator: Indicator, series: dict[int, Series]) -> Series:
    """The derived indicator over the periods where both its parts are in `series`
    ({indicator_id: series} of one territory)."""
    numerator_id, denominator_id = indicator.part_ids
    numerators = dict(series.get(numerator_id, ()))
    denominators = dict(series.get(denominator_id, ()))
    points = []
    for period in sorted(numerators.keys() & denominators.keys()):
        value = ratio(indicator, numerators[period], denominators[period])
        if value is not None:
            points.append((period, value))
    return points


def fill_ratios(
    indicator: Indicator, values: dict[tuple[int, int], float], territory_ids: Iterable[int]
) -> set[tuple[int, int]]:
    """Fills `values` ({(indicator_id, territory_id): value}) with the derived indicator for
    the units that do not report it, where both its parts are there; returns the keys filled."""
    numerator_id, denominator_id = indicator.part_ids
    filled = set()
    for territory_id in territory_ids:
        key = (indicator.pk, territory_id)
        if key not in values:
            value = ratio(
                indicator,
                values.get((numerator_id, territory_id)),
                values.get((denominator_id, territory_id)),
            )
            if value is not None:
                values[key] = value
                filled.add(key)
    return filled


def with_parts(indicator_ids: Sequence[int]) -> list[int]:
    """The indicators and, for the derived ones, their numerators and denominators."""
    return _with_parts(indicator_ids, _ratios(indicator_ids))


def _ratios(indicator_ids: Sequence[int]) -> dict[int, Indicator]:
    """The derived indicators among `indicator_ids`, by id."""
    from .catalogue import all_indicators

    indicators = all_indicators()
    return {
        pk: indicators[pk] for pk in indicator_ids if pk in indicators and indicators[pk].is_derived
    }


def _with_parts(indicator_ids: Sequence[int], ratios: dict[int, Indicator]) -> list[int]:
    parts = {pk for i in ratios.values() for pk in i.part_ids}
    return sorted(set(indicator_ids) | parts)


def latest_period(indicator_ids: Sequence[int], territory_ids: Sequence[int]) -> str:
    """The most recent period any of the territories has any of the indicators (or a
    derived one's parts) for, or ""."""
    ids = with_parts(indicator_ids)
    found = (
        totals()
        .filter(territory_id__in=territory_ids, indicator_id__in=ids)
        .aggregate(latest=Max("period"))
        .get("latest")
    )
    restored = [p for _i, _t, p, _d, _v in replaced_values(ids, territory_ids)]
    return max([found or "", *restored])
