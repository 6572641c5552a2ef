"""The pivot table: any indicators × territories × periods (× the categories of one
disaggregation), one of them on the rows and the other two nested on the columns, with the
parent, national, total and average rows (DHIS2's pivot table, Taldau's data cube).

The table may be large (20 indicators × 2,500 rural okrugs × 15 years): the rows are read a
page at a time; the total and average rows are computed by the database over every row, in
one GROUP BY; the parent and national rows are one read. An export reads every row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from aimaq.territories.models import Territory

from .. import readcache
from .. import sums as stored
from ..models import Aggregation, Category, Dimension, Indicator, Observation
from ..versions import figure_versions
from ..visibility import (
    REPORTED_SQL,
    hidden_runs,
    hidden_sql,
    one_reading,
    reads_published,
    replaced_values,
)

DIMENSIONS = ("territory", "indicator", "period")
PAGE_ROWS = 50


@dataclass(frozen=True)
class PivotSpec:
    """What the person chose: the three sets, the optional disaggregation, the layout."""

    indicators: Sequence[Indicator]
    territories: Sequence[Territory]
    periods: Sequence[str]
    rows: str = "territory"
    dimension: Dimension | None = None
    parent: Territory | None = None
    country: Territory | None = None

    @property
    def column_dims(self) -> tuple[str, str]:
        outer, inner = (d for d in DIMENSIONS[1:] + DIMENSIONS[:1] if d != self.rows)
        return outer, inner


@dataclass(frozen=True)
class Header:
    key: object
    label: str


@dataclass
class PivotRow:
    label: str
    kato: str = ""
    category: str = ""  # the disaggregation category's label, "" for the total
    cells: list[float | None] = field(default_factory=list)
    kind: str = "data"  # data, parent, national, total, average
    decimals: list[int] = field(default_factory=list)  # of each cell's indicator

    def shown(self) -> list[str]:
        """The cells as the reader's language writes them, in their indicators' decimals."""
        from ..templatetags.indicators import format_number

        return [format_number(v, d) for v, d in zip(self.cells, self.decimals, strict=False)]


@dataclass
class Pivot:
    spec: PivotSpec
    columns: list[tuple[Header, Header]]
    rows: list[PivotRow]
    summary: list[PivotRow]
    row_count: int
    page: int
    pages: int

    def outer_headers(self) -> list[tuple[str, int]]:
        """(label, columns it spans) of the upper header row."""
        return [
            (header.label, len(list(group)))
            for header, group in itertools.groupby(self.columns, key=lambda c: c[0])
        ]


def _keys(spec: PivotSpec, dim: str) -> Sequence[object]:
    if dim == "indicator":
        return spec.indicators
    if dim == "territory":
        return spec.territories
    return spec.periods


def _header(key: object) -> Header:
    if isinstance(key, Indicator):
        return Header(key, f"{key.name}, {key.unit}" if key.unit else key.name)
    if isinstance(key, Territory):
        return Header(key, key.name)
    return Header(key, str(key))


def _labels(spec: PivotSpec, dim: str) -> list[Header]:
    return [_header(key) for key in _keys(spec, dim)]


def _splits(spec: PivotSpec) -> list[tuple[str, str]]:
    """(disaggregation key, label) of the row splits: the total, then each category."""
    splits = [("", "")]
    if spec.dimension is not None:
        categories = Category.objects.filter(dimension=spec.dimension).order_by("code")
        splits += [(f"{spec.dimension.code}={c.code}", c.name) for c in categories]
    return splits


def _read(
    spec: PivotSpec, territory_ids: Sequence[int], splits: Sequence[str]
) -> dict[tuple[int, int, str, str], float]:
    """{(indicator, territory, period, disaggregation): value}, figures the reader may see."""
    if not territory_ids or not spec.indicators or not spec.periods:
        return {}
    ids = [i.pk for i in spec.indicators]
    params: list = [*ids, *territory_ids, *spec.periods, *splits]
    sql = (
        "SELECT indicator_id, territory_id, period, disaggregation, value "
        f"FROM {Observation._meta.db_table} WHERE indicator_id IN ({_marks(ids)}) "
        f"AND territory_id IN ({_marks(territory_ids)}) AND period IN ({_marks(spec.periods)}) "
        f"AND disaggregation IN ({_marks(splits)})" + REPORTED_SQL + hidden_sql()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {(i, t, p, d): v for i, t, p, d, v in cursor.fetchall()}
    for i, t, p, d, v in replaced_values(
        ids, territory_ids, periods=spec.periods, totals_only=False
    ):
        if d in splits:
            found[(i, t, p, d)] = v
    return found


def _marks(values: Sequence) -> str:
    return ", ".join(["%s"] * len(values))


def _aggregates(
    spec: PivotSpec, splits: Sequence[str]
) -> dict[tuple[int, str, str], tuple[float, float]]:
    """{(indicator, period, disaggregation): (sum, mean)} over every chosen territory, per
    indicator from the read cache (`readcache`: paging through a pivot, or changing its
    indicators, does not add up the same thousands of values again), the rest computed.

    Each indicator's entry is tied to its own figure version (and the territories and
    indicators as edited): after an import of one indicator, the first view of a pivot of
    twenty adds up that one again, not all twenty."""
    territory_ids = [t.pk for t in spec.territories]
    if not territory_ids or not spec.indicators or not spec.periods:
        return {}
    shape = readcache.digest(
        [*sorted(territory_ids), "|", *sorted(spec.periods), "|", *sorted(splits)]
    )
    by_id = {i.pk: i for i in spec.indicators}
    figures = figure_versions(by_id) if readcache.enabled() else {}

    def compute(keys: list[str]) -> dict[str, dict[tuple[str, str], tuple[float, float]]]:
        ids = [int(k.split(":")[1]) for k in keys]
        found = _aggregates_of([by_id[pk] for pk in ids], spec, territory_ids, splits)
        per: dict[int, dict[tuple[str, str], tuple[float, float]]] = {pk: {} for pk in ids}
        for (i, p, d), pair in found.items():
            per[i][(p, d)] = pair
        return {f"{shape}:{pk}:{figures.get(pk, 0)}": per[pk] for pk in ids}

    cached = readcache.cached_many(
        "pivot",
        [f"{shape}:{pk}:{figures.get(pk, 0)}" for pk in by_id],
        compute,
        version=readcache.structure_version() if readcache.enabled() else None,
    )
    return {
        (int(key.split(":")[1]), p, d): pair
        for key, pairs in cached.items()
        for (p, d), pair in pairs.items()
    }


def _aggregates_of(
    indicators: Sequence[Indicator],
    spec: PivotSpec,
    territory_ids: Sequence[int],
    splits: Sequence[str],
) -> dict[tuple[int, str, str], tuple[float, float]]:
    """From the stored sums (`sums.py`) where they hold for the reader (who sees the
    published figures) and cover the units; the rest added up from the figures."""
    ids = [i.pk for i in indicators]
    totals: dict[tuple[int, str, str], tuple[float, int]] = {}
    stale = ids
    if list(splits) == [""] and reads_published():
        tree = stored.current_tree()
        fresh = stored.fresh_indicators(ids, tree)
        if fresh:
            pairs, left = stored.cover(tree, territory_ids)
            kept = [pk for pk in ids if pk in fresh]
            for (i, p), pair in stored.stored_totals(kept, pairs, spec.periods).items():
                totals[(i, p, "")] = pair
            _add(totals, _summed(kept, left, spec, splits))
            stale = [pk for pk in ids if pk not in fresh]
    _add(totals, _summed(stale, territory_ids, spec, splits))
    return {key: (total, total / count) for key, (total, count) in totals.items() if count}


def _add(
    totals: dict[tuple[int, str, str], tuple[float, int]],
    more: dict[tuple[int, str, str], tuple[float, int]],
) -> None:
    for key, (total, count) in more.items():
        before = totals.get(key, (0.0, 0))
        totals[key] = (before[0] + total, before[1] + count)


def _summed(
    ids: Sequence[int], territory_ids: Sequence[int], spec: PivotSpec, splits: Sequence[str]
) -> dict[tuple[int, str, str], tuple[float, int]]:
    """{(indicator, period, disaggregation): (sum, count)} of the figures: one GROUP BY in
    the database; in Python when figures are hidden from the reader (a hidden value may
    have replaced a visible one, which the database cannot see)."""
    if not ids or not territory_ids:
        return {}
    if hidden_runs():
        by_id = {i.pk: i for i in spec.indicators}
        narrowed = PivotSpec([by_id[pk] for pk in ids], spec.territories, spec.periods)
        values: dict[tuple[int, str, str], list[float]] = {}
        for (i, _t, p, d), v in _read(narrowed, territory_ids, splits).items():
            values.setdefault((i, p, d), []).append(v)
        return {key: (sum(vs), len(vs)) for key, vs in values.items()}
    sql = (
        "SELECT indicator_id, period, disaggregation, SUM(value), COUNT(*) "
        f"FROM {Observation._meta.db_table} WHERE indicator_id IN ({_marks(ids)}) "
        # "+": scan each indicator's range of the key once, checking the territory in a set,
        # rather than one lookup per (indicator, territory, period): 690,000 for 20 × 2,300
        # × 15 took 4.7 s on SQLite.
        f"AND +territory_id IN ({_marks(territory_ids)}) AND period IN ({_marks(spec.periods)}) "
        f"AND disaggregation IN ({_marks(splits)}){REPORTED_SQL} "
        "GROUP BY indicator_id, period, disaggregation"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *territory_ids, *spec.periods, *splits])
        return {(i, p, d): (s, n) for i, p, d, s, n in cursor.fetchall()}


@one_reading
def pivot_table(spec: PivotSpec, *, page: int = 1, page_rows: int | None = PAGE_ROWS) -> Pivot:
    """The pivot: one page of rows (every row with `page_rows=None`, for an export), the
    columns, and — with territories on the rows — the parent, national, total and average
    rows over every chosen territory."""
    outer_dim, inner_dim = spec.column_dims
    columns = list(itertools.product(_labels(spec, outer_dim), _labels(spec, inner_dim)))
    splits = _splits(spec)
    split_keys = [key for key, _label in splits]
    # Labels only for the page's rows: a name in the reader's language costs a lookup, and
    # there may be thousands of rows.
    row_keys = [(k, key, label) for k in _keys(spec, spec.rows) for key, label in splits]
    row_count = len(row_keys)
    pages = max(1, -(-row_count // page_rows)) if page_rows else 1
    page = min(max(page, 1), pages)
    if page_rows:
        row_keys = row_keys[(page - 1) * page_rows : page * page_rows]
    row_headers = [(_header(k), key, label) for k, key, label in row_keys]
    if spec.rows == "territory":
        shown = list(dict.fromkeys(h.key.pk for h, _k, _l in row_headers))  # type: ignore[attr-defined]
    else:
        shown = [t.pk for t in spec.territories]
    values = _read(spec, shown, split_keys)

    # Each column's (indicator, territory, period), the row's dimension left None: a row's
    # cells are then one dictionary lookup each.
    column_parts: list[tuple[Any, Any, Any]] = []
    for outer, inner in columns:
        parts = {outer_dim: outer.key, inner_dim: inner.key}
        indicator, territory = parts.get("indicator"), parts.get("territory")
        column_parts.append(
            (
                indicator.pk if indicator is not None else None,  # type: ignore[attr-defined]
                territory.pk if territory is not None else None,  # type: ignore[attr-defined]
                str(parts["period"]) if "period" in parts else None,
            )
        )

    def cells_for(row_key: object, split: str) -> list[float | None]:
        get = values.get
        if spec.rows == "territory":
            t = row_key.pk  # type: ignore[attr-defined]
            return [get((i, t, p, split)) for i, _t, p in column_parts]
        if spec.rows == "indicator":
            i = row_key.pk  # type: ignore[attr-defined]
            return [get((i, t, p, split)) for _i, t, p in column_parts]
        p = str(row_key)
        return [get((i, t, p, split)) for i, t, _p in column_parts]

    column_places = _column_decimals(spec, columns)
    rows = []
    for header, split, label in row_headers:
        key = header.key
        places = [key.decimals] * len(columns) if isinstance(key, Indicator) else column_places
        rows.append(
            PivotRow(
                header.label,
                kato=key.kato if isinstance(key, Territory) else "",
                category=label,
                cells=cells_for(key, split),
                decimals=places,
            )
        )
    summary = _summary(spec, columns, column_places) if spec.rows == "territory" else []
    return Pivot(spec, columns, rows, summary, row_count, page, pages)


def _column_decimals(spec: PivotSpec, columns: list[tuple[Header, Header]]) -> list[int]:
    """The decimals of each column's indicator (when the indicators are on the columns)."""
    outer_dim, _inner = spec.column_dims
    if spec.rows == "indicator":
        return []
    return [(o.key if outer_dim == "indicator" else i.key).decimals for o, i in columns]  # type: ignore[attr-defined]


def _summary(
    spec: PivotSpec, columns: list[tuple[Header, Header]], places: list[int]
) -> list[PivotRow]:
    """The parent, national, total and average rows (totals only: disaggregation "")."""
    outer_dim, _inner = spec.column_dims

    def indicator_period(outer: Header, inner: Header) -> tuple[Indicator, str]:
        if outer_dim == "indicator":
            return outer.key, str(inner.key)  # type: ignore[return-value]
        return inner.key, str(outer.key)  # type: ignore[return-value]

    rows = []
    for kind, unit in (("parent", spec.parent), ("national", spec.country)):
        if unit is None or unit.pk in {t.pk for t in spec.territories}:
            continue
        values = _read(spec, [unit.pk], [""])
        cells = []
        for outer, inner in columns:
            indicator, period = indicator_period(outer, inner)
            cells.append(values.get((indicator.pk, unit.pk, period, "")))
        rows.append(PivotRow(unit.name, kato=unit.kato, cells=cells, kind=kind, decimals=places))
    aggregates = _aggregates(spec, [""])
    total, average = [], []
    for outer, inner in columns:
        indicator, period = indicator_period(outer, inner)
        found = aggregates.get((indicator.pk, period, ""))
        adds_up = indicator.aggregation == Aggregation.SUM
        total.append(found[0] if found and adds_up else None)
        average.append(found[1] if found else None)
    rows += [
        PivotRow("", cells=total, kind="total", decimals=places),
        PivotRow("", cells=average, kind="average", decimals=places),
    ]
    return rows
