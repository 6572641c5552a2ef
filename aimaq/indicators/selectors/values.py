"""Batched reads of reported totals (disaggregation "") that the other selectors share.

Each read is one query, filtered by a set of indicators and territories: ranges of the
observations' key (indicator, territory, period, disaggregation) — never one query per
indicator or per territory. The key is the table's only index, so a read always names its
indicators, all of them when it wants every one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.db.models import Max, QuerySet

from ..models import Observation

Series = list[tuple[str, float]]  # (period, value), oldest first


def year_end(year: int | str) -> str:
    """The upper bound of a year's period strings: "2024", "2024-Q4" and "2024-12" sort
    before "2024-~" ("~" sorts after "Q4" and "12"), "2025" after it."""
    return f"{year}-~"


def period_cap(on: date | None) -> str | None:
    """The last period string visible on a day: anything of that year or before."""
    return None if on is None else year_end(on.year)


def totals() -> QuerySet[Observation]:
    """Observations of whole territories, not of a disaggregation (sex, age…)."""
    return Observation.objects.filter(disaggregation="")


def values_at(
    indicator_ids: Sequence[int], territory_ids: Sequence[int], period: str
) -> dict[tuple[int, int], float]:
    """{(indicator_id, territory_id): value} for one period, totals only."""
    if not indicator_ids or not territory_ids:
        return {}
    rows = totals().filter(
        territory_id__in=territory_ids, indicator_id__in=indicator_ids, period=period
    )
    return {(i, t): v for i, t, v in rows.values_list("indicator_id", "territory_id", "value")}


def series_of(
    territory_ids: Sequence[int], indicator_ids: Sequence[int], *, cap: str | None = None
) -> dict[tuple[int, int], Series]:
    """{(indicator_id, territory_id): series} of totals, oldest first; periods after `cap`
    left out. One query."""
    rows = totals().filter(indicator_id__in=indicator_ids, territory_id__in=territory_ids)
    if cap:
        rows = rows.filter(period__lte=cap)
    points: dict[tuple[int, int], Series] = defaultdict(list)
    for indicator_id, territory_id, period, value in rows.values_list(
        "indicator_id", "territory_id", "period", "value"
    ):
        points[(indicator_id, territory_id)].append((period, value))
    for series in points.values():
        series.sort()
    return dict(points)


def latest_period(indicator_ids: Sequence[int], territory_ids: Sequence[int]) -> str:
    """The most recent period any of the territories has any of the indicators for, or ""."""
    found = (
        totals()
        .filter(territory_id__in=territory_ids, indicator_id__in=indicator_ids)
        .aggregate(latest=Max("period"))
        .get("latest")
    )
    return found or ""
