"""Values up the territory tree, computed on demand by each indicator's rule.

A unit that reports its own value keeps it; only a unit without one gets a value computed
from its children's values (reported or, in turn, computed), one level at a time. So each
figure enters its parent exactly once and is never added again at the level above: no
double counting. Computed values carry `computed=True` and how many parts they came from.

The arithmetic runs on numpy arrays (units × period/disaggregation columns), a level at a
time, so a whole indicator over the national tree takes milliseconds after the read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import repeat
from typing import NamedTuple

import numpy as np
from django.db import connection

from aimaq.territories.models import Territory
from aimaq.territories.validity import span_of, start_of

from .models import Aggregation, Indicator, Observation, ObservationStatus
from .visibility import hidden_sql, one_reading, replaced_values

POPULATION_CODE = "population"
MAX_DAY = date.max.toordinal()


class AggregatedValue(NamedTuple):
    """One value on the tree; `computed` marks the ones made here rather than reported."""

    territory_id: int
    kato: str
    period: str
    disaggregation: str
    value: float
    computed: bool
    parts: int = 0  # children whose values made a computed value
    parts_expected: int = 0  # children the unit has in the tree


@dataclass
class Tree:
    """Units of a subtree as arrays, parents before children: the current ones and, read
    `in_time`, the ones a reform ended, each with the days it was valid (so a period's sums
    use the tree of that period)."""

    ids: np.ndarray
    katos: list[str]
    parent: np.ndarray  # index of the parent in the arrays, -1 for the subtree's root(s)
    depth: np.ndarray
    population: np.ndarray  # Territory.population, NaN when unknown
    index: dict[int, int]
    prefix: str | None = None  # KATO prefix of the subtree's root; None for the whole tree
    # Validity as day ordinals, from (included; 0 when there at independence) to (excluded;
    # MAX_DAY while current); None when the tree holds only today's units.
    valid_from: np.ndarray | None = None
    valid_to: np.ndarray | None = None

    @property
    def size(self) -> int:
        return len(self.ids)

    def children_count(self) -> np.ndarray:
        counts = np.zeros(self.size, dtype=np.int64)
        has_parent = self.parent >= 0
        np.add.at(counts, self.parent[has_parent], 1)
        return counts

    def valid(self, columns: list[tuple[str, str]]) -> np.ndarray:
        """units × columns: was the unit there on the last day of the column's period (the
        tree a year's figure is counted in: Turkestan and Shymkent for 2018, South
        Kazakhstan before)? A period that cannot be read counts today's units."""
        if self.valid_from is None or self.valid_to is None:
            return np.ones((self.size, len(columns)), dtype=bool)
        by_period: dict[str, np.ndarray] = {}
        out = np.empty((self.size, len(columns)), dtype=bool)
        for j, (period, _split) in enumerate(columns):
            if period not in by_period:
                span = span_of(period)
                if span is None:
                    by_period[period] = self.valid_to == MAX_DAY
                else:
                    day = span[1].toordinal()
                    by_period[period] = (self.valid_from <= day) & (self.valid_to > day)
            out[:, j] = by_period[period]
        return out

    def expected(self, valid: np.ndarray) -> np.ndarray:
        """units × columns: how many of each unit's children were there in the period."""
        counts = np.zeros(valid.shape, dtype=np.int64)
        has_parent = self.parent >= 0
        np.add.at(counts, self.parent[has_parent], valid[has_parent].astype(np.int64))
        return counts


@dataclass
class Grid:
    """Values of one indicator: tree units × (period, disaggregation) columns."""

    columns: list[tuple[str, str]]
    values: np.ndarray  # float, NaN where no value
    reported: np.ndarray  # bool
    parts: np.ndarray  # int, children used for computed values


def territory_tree(root: Territory | None = None, *, in_time: bool = True) -> Tree:
    """The units of `root`'s subtree (the whole country when None). `in_time` (the
    default): with the units reforms ended and each unit's validity, so a parent's figure
    for 2015 sums the children it had in 2015; otherwise today's units only."""
    units = Territory.objects.all() if in_time else Territory.objects.current()
    if root is not None:
        units = units.subtree(root)
    rows = list(
        units.order_by("kato", "valid_from").values_list(
            "id", "kato", "parent_id", "population", "valid_from", "valid_to"
        )
    )
    index = {row[0]: i for i, row in enumerate(rows)}
    parent = np.array([index.get(row[2], -1) for row in rows], dtype=np.int64)
    # A unit's depth is its parent's plus one: passes until nothing changes (as many as
    # the tree is deep; an ended unit need not sort after its parent).
    depth = np.zeros(len(rows), dtype=np.int64)
    has_parent = parent >= 0
    for _pass in range(len(rows) + 1):
        deeper = np.where(has_parent, depth[parent] + 1, 0)
        if np.array_equal(deeper, depth):
            break
        depth = deeper
    population = np.array(
        [np.nan if row[3] is None else float(row[3]) for row in rows], dtype=np.float64
    )
    tree = Tree(
        ids=np.array([row[0] for row in rows], dtype=np.int64),
        katos=[row[1] for row in rows],
        parent=parent,
        depth=depth,
        population=population,
        index=index,
        prefix=root.prefix if root is not None and root.prefix else None,
    )
    if in_time:
        tree.valid_from = np.array(
            [(start_of(row[4]) or date.min).toordinal() for row in rows], dtype=np.int64
        )
        tree.valid_to = np.array(
            [MAX_DAY if row[5] is None else row[5].toordinal() for row in rows], dtype=np.int64
        )
    return tree


def read_grid(
    indicator: Indicator,
    tree: Tree,
    periods: Iterable[str] | None = None,
    columns: list[tuple[str, str]] | None = None,
    *,
    totals_only: bool = False,
    found: list[tuple[int, str, float]] | None = None,
) -> Grid:
    """The indicator's reported values on the tree's units (totals only: no
    disaggregation's). `found`: its visible totals (unit, period, value), already read."""
    if found is not None:
        return _totals_grid(found, tree, columns)
    sql = f"SELECT o.territory_id, o.period, o.disaggregation, o.value FROM {Observation._meta.db_table} o"
    params: list = []
    if tree.prefix is not None:
        sql += f" JOIN {Territory._meta.db_table} t ON t.id = o.territory_id"
        sql += " WHERE o.indicator_id = %s AND t.kato >= %s AND t.kato <= %s"
        params += [indicator.pk, tree.prefix.ljust(9, "0"), tree.prefix.ljust(9, "9")]
    else:
        sql += " WHERE o.indicator_id = %s"
        params.append(indicator.pk)
    if periods is not None:
        periods = list(periods)
        if not periods:
            periods = [""]
        sql += f" AND o.period IN ({', '.join(['%s'] * len(periods))})"
        params += periods
    if totals_only:
        sql += " AND o.disaggregation = ''"
    sql += " AND o.status <> %s"  # projections are not summed with reported figures
    params.append(ObservationStatus.PROJECTION.value)
    sql += hidden_sql("o.import_run_id")  # figures the reader may not see yet
    with gc_paused(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    rows += [
        (t, p, d, v)
        for _i, t, p, d, v in replaced_values(
            [indicator.pk], tree.ids.tolist(), periods=periods, totals_only=totals_only
        )
    ]
    return _grid_of(rows, tree, columns)


def _totals_grid(
    found: list[tuple[int, str, float]], tree: Tree, columns: list[tuple[str, str]] | None
) -> Grid:
    """`_grid_of` for totals already read (unit, period, value)."""
    with gc_paused():
        territory_ids, found_periods, found_values = (
            zip(*found, strict=True) if found else ((),) * 3
        )
        if columns is None:
            columns = [(period, "") for period in sorted(set(found_periods))]
        col_index = {period: j for j, (period, split) in enumerate(columns) if split == ""}
        count = len(found)
        rows = np.fromiter(map(tree.index.get, territory_ids, repeat(-1)), np.int64, count)
        cols = np.fromiter(map(col_index.get, found_periods, repeat(-1)), np.int64, count)
    values = np.full((tree.size, len(columns)), np.nan)
    keep = (rows >= 0) & (cols >= 0)
    values[rows[keep], cols[keep]] = np.asarray(found_values, dtype=np.float64)[keep]
    return Grid(columns, values, ~np.isnan(values), np.zeros(values.shape, dtype=np.int64))


def _grid_of(
    found: list[tuple[int, str, str, float]], tree: Tree, columns: list[tuple[str, str]] | None
) -> Grid:
    if found:
        territory_ids, found_periods, splits, found_values = zip(*found, strict=True)
    else:
        territory_ids = found_periods = splits = found_values = ()
    keys = list(zip(found_periods, splits, strict=True))
    if columns is None:
        columns = sorted(set(keys))
    col_index = {column: j for j, column in enumerate(columns)}
    index = tree.index
    rows = np.fromiter(
        (index.get(pk, -1) for pk in territory_ids), dtype=np.int64, count=len(found)
    )
    cols = np.fromiter((col_index.get(key, -1) for key in keys), dtype=np.int64, count=len(found))
    values = np.full((tree.size, len(columns)), np.nan)
    keep = (rows >= 0) & (cols >= 0)
    values[rows[keep], cols[keep]] = np.asarray(found_values, dtype=np.float64)[keep]
    reported = ~np.isnan(values)
    return Grid(columns, values, reported, np.zeros(values.shape, dtype=np.int64))


@one_reading
def aggregate(
    indicator: Indicator,
    *,
    root: Territory | None = None,
    periods: Iterable[str] | None = None,
    tree: Tree | None = None,
) -> list[AggregatedValue]:
    """Reported and computed values of `indicator` on `root`'s subtree (the whole country
    when None), for `periods` (all when None). Not aggregable indicators get nothing
    computed; derived ones (numerator / denominator × factor) get the ratio of their parts'
    aggregates wherever they report no value, whatever their rule. A sum is computed only when every child has a value (a partial sum would
    understate); averages, minima and maxima use the children that have one and say how
    many (`parts` of `parts_expected`). Pass `tree=territory_tree(root)` to reuse one read
    of the tree across many indicators."""
    tree = tree if tree is not None else territory_tree(root)
    periods = list(periods) if periods is not None else None
    grid = aggregate_grid(indicator, tree, periods)
    return grid_values(tree, grid)


def aggregate_grid(
    indicator: Indicator,
    tree: Tree,
    periods: list[str] | None = None,
    columns: list[tuple[str, str]] | None = None,
    *,
    totals_only: bool = False,
    found: list[tuple[int, str, float]] | None = None,
) -> Grid:
    """The indicator's values on the tree's units, reported or computed by its rule (totals
    only: without the disaggregations' columns, which the totals never depend on; `found`:
    its visible totals, already read)."""
    grid = read_grid(indicator, tree, periods, columns, totals_only=totals_only, found=found)
    if indicator.is_derived:
        return _derive(indicator, tree, grid, periods, totals_only)
    rule = indicator.aggregation
    if rule == Aggregation.NONE or not grid.columns:
        return grid
    weights = None
    if rule in (Aggregation.POPULATION_WEIGHTED, Aggregation.INDICATOR_WEIGHTED):
        weights = _weights(indicator, tree, grid, periods, totals_only)
    compute_up(tree, grid, rule, weights)
    return grid


def compute_up(tree: Tree, grid: Grid, rule: str, weights: np.ndarray | None = None) -> None:
    """Fills the values of units without one from their children, deepest level first,
    each period from the units there in it (`Tree.valid`): a unit not there then gets no
    value, and its children then are the ones counted and expected."""
    values, computed_parts = grid.values, grid.parts
    valid = tree.valid(grid.columns)
    expected = tree.expected(valid)
    for depth in range(int(tree.depth.max(initial=0)), 0, -1):
        children = np.nonzero(tree.depth == depth)[0]
        children = children[tree.parent[children] >= 0]
        if not len(children):
            continue
        parents = tree.parent[children]
        child_values = np.where(valid[children], values[children], np.nan)
        present = ~np.isnan(child_values)
        counts = np.zeros((tree.size, values.shape[1]), dtype=np.int64)
        np.add.at(counts, parents, present.astype(np.int64))
        if rule == Aggregation.SUM:
            result = np.zeros_like(values)
            np.add.at(result, parents, np.where(present, child_values, 0.0))
            usable = (counts == expected) & (expected > 0)
        elif rule in (Aggregation.MIN, Aggregation.MAX):
            result = np.full_like(values, np.nan)
            (np.fmin if rule == Aggregation.MIN else np.fmax).at(result, parents, child_values)
            usable = counts > 0
        else:
            assert weights is not None
            child_weights = weights[children]
            weighted = present & ~np.isnan(child_weights) & (child_weights > 0)
            numerator = np.zeros_like(values)
            denominator = np.zeros_like(values)
            np.add.at(numerator, parents, np.where(weighted, child_values * child_weights, 0.0))
            np.add.at(denominator, parents, np.where(weighted, child_weights, 0.0))
            counts = np.zeros((tree.size, values.shape[1]), dtype=np.int64)
            np.add.at(counts, parents, weighted.astype(np.int64))
            with np.errstate(invalid="ignore", divide="ignore"):
                result = numerator / denominator
            usable = counts > 0
        is_parent = np.zeros(tree.size, dtype=bool)
        is_parent[parents] = True
        fill = usable & np.isnan(values) & is_parent[:, None] & valid
        values[fill] = result[fill]
        computed_parts[fill] = counts[fill]


def grid_values(tree: Tree, grid: Grid) -> list[AggregatedValue]:
    rows, cols = np.nonzero(~np.isnan(grid.values))
    computed = ~grid.reported[rows, cols]
    periods = np.array([column[0] for column in grid.columns] or [""], dtype=object)
    splits = np.array([column[1] for column in grid.columns] or [""], dtype=object)
    katos = np.array(tree.katos or [""], dtype=object)
    fields = zip(
        tree.ids[rows].tolist(),
        katos[rows].tolist(),
        periods[cols].tolist(),
        splits[cols].tolist(),
        grid.values[rows, cols].tolist(),
        computed.tolist(),
        np.where(computed, grid.parts[rows, cols], 0).tolist(),
        tree.expected(tree.valid(grid.columns))[rows, cols].tolist(),
        strict=True,
    )
    with gc_paused():  # tuple.__new__ straight from C
        return list(map(partial(tuple.__new__, AggregatedValue), fields))


@contextmanager
def gc_paused():
    """Pauses the cyclic garbage collector while tens of thousands of tuples are made: they
    hold no cycles, and the collections their allocation triggers walk the whole heap of a
    Django process, costing more than making them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _weights(
    indicator: Indicator, tree: Tree, grid: Grid, periods, totals_only: bool = False
) -> np.ndarray:
    """Weights per unit and column: the weight indicator's value for the same period and
    disaggregation, else its total for the period, else the unit's registered population."""
    if indicator.aggregation == Aggregation.INDICATOR_WEIGHTED and indicator.weight_indicator_id:
        weight_indicator = indicator.weight_indicator
    else:
        weight_indicator = Indicator.objects.filter(code=POPULATION_CODE).first()
    weights = np.full(grid.values.shape, np.nan)
    if weight_indicator is not None and weight_indicator.pk != indicator.pk:
        wanted = sorted(set(grid.columns) | {(period, "") for period, _ in grid.columns})
        weight_grid = aggregate_grid(
            weight_indicator, tree, periods, wanted, totals_only=totals_only
        )
        position = {column: j for j, column in enumerate(weight_grid.columns)}
        for j, (period, disaggregation) in enumerate(grid.columns):
            exact = weight_grid.values[:, position[(period, disaggregation)]]
            total = weight_grid.values[:, position[(period, "")]]
            weights[:, j] = np.where(np.isnan(exact), total, exact)
    missing = np.isnan(weights)
    weights[missing] = np.broadcast_to(tree.population[:, None], weights.shape)[missing]
    return weights


def _derive(
    indicator: Indicator, tree: Tree, grid: Grid, periods, totals_only: bool = False
) -> Grid:
    """numerator / denominator × factor wherever the unit reports no value of its own; the
    parts are aggregated by their own rules first (a ratio of sums, not a mean of ratios)."""
    numerator_of, denominator_of = indicator.parts()
    numerator = aggregate_grid(numerator_of, tree, periods, totals_only=totals_only)
    denominator = aggregate_grid(denominator_of, tree, periods, totals_only=totals_only)
    columns = sorted(set(grid.columns) | (set(numerator.columns) & set(denominator.columns)))
    result = read_grid(indicator, tree, periods, columns, totals_only=totals_only)
    num = _align(numerator, columns)
    den = _align(denominator, columns)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = num / den * float(indicator.factor)
    ratio[~np.isfinite(ratio)] = np.nan
    fill = np.isnan(result.values) & ~np.isnan(ratio)
    result.values[fill] = ratio[fill]
    return result


def _align(grid: Grid, columns: list[tuple[str, str]]) -> np.ndarray:
    out = np.full((grid.values.shape[0], len(columns)), np.nan)
    position = {column: j for j, column in enumerate(grid.columns)}
    for j, column in enumerate(columns):
        if column in position:
            out[:, j] = grid.values[:, position[column]]
    return out
