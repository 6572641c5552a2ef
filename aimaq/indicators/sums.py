"""Stored sums of published totals, for the pivot's total and average rows.

A pivot of 20 indicators over the country's 2,300 rural okrugs and 15 years adds up 690,000
values: 1.7 s, which the read cache (`readcache`) saves only in a process that has done it
once. So the sums are also stored (`StoredSum`): per indicator, period, unit and level
below it, the sum and the count of the current units' published totals (the country's rural
okrugs, each oblast's rayons, each rayon's rural okrugs …). A pivot's set of units is
covered by as few of them as it takes (`cover`); the units left over (a hand-picked few)
are added up from the figures. With them, per indicator, year, unit and level below it, how
many of the units have a figure in the year (`StoredYearCount`): what the default year of
a page comparing several indicators is counted from, a profile's over all 300 at once.

The sums of an indicator are rewritten in the transaction that changes what the public
sees of its figures — an import's write (`approvals.record_written`) or an approval
decision — so they are never half-written: a failed import leaves them as they were. They
are read only while they still match the indicator's figure version and the territory tree
(`IndicatorVersion.computed`, `.sums_tree`): after an edit of the tree, or figures written
some other way, the pivot adds up the figures as before until the next import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np
from django.db import connection, transaction
from django.db.models import F

from aimaq.territories.models import Territory

from . import readcache
from .aggregation import gc_paused
from .models import IndicatorVersion, Observation, StoredSum, StoredYearCount
from .sums_below import ValuesWriter
from .versions import data_version
from .visibility import REPORTED_SQL, hidden_runs, hidden_sql, published_reading, replaced_values


@dataclass
class CurrentTree:
    """Today's units as arrays: each unit's level and its ancestors, and for each (unit,
    level) the units of that level below it."""

    digest: str
    ids: np.ndarray
    index: dict[int, int]
    levels: list[str]  # the level names, in the order of `level_of`'s codes
    level_of: np.ndarray  # code of each unit's level
    ancestors: np.ndarray  # units × depth: index of each ancestor, nearest first; -1: none
    members: dict[tuple[int, int], list[int]]  # (ancestor index, level code) → unit ids

    @property
    def size(self) -> int:
        return len(self.ids)


def _read_tree() -> CurrentTree:
    rows = list(Territory.objects.current().order_by("pk").values_list("pk", "parent_id", "level"))
    digest = readcache.digest(f"{pk}/{parent}/{level}" for pk, parent, level in rows)
    index = {row[0]: i for i, row in enumerate(rows)}
    levels = sorted({row[2] for row in rows})
    code = {level: j for j, level in enumerate(levels)}
    parent = np.array([index.get(row[1], -1) for row in rows], dtype=np.int64)
    chain = [parent]
    while len(rows) and (chain[-1] >= 0).any() and len(chain) <= len(rows):
        above = np.where(chain[-1] >= 0, parent[np.maximum(chain[-1], 0)], -1)
        if not (above >= 0).any():
            break
        chain.append(above)
    ancestors = np.stack(chain, axis=1) if len(rows) else np.zeros((0, 1), dtype=np.int64)
    level_of = np.array([code[row[2]] for row in rows], dtype=np.int64)
    members: dict[tuple[int, int], list[int]] = {}
    for i, row in enumerate(rows):
        for a in ancestors[i]:
            if a < 0:
                break
            members.setdefault((int(a), int(level_of[i])), []).append(row[0])
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    return CurrentTree(digest, ids, index, levels, level_of, ancestors, members)


def current_tree() -> CurrentTree:
    """Today's tree, from the read cache while the territories stay as they are."""
    return readcache.cached_many(
        "sums-tree", ["current"], lambda keys: {"current": _read_tree()},
        version=readcache.structure_version() if readcache.enabled() else None,
    )["current"]  # fmt: skip


# --- writing ---------------------------------------------------------------------------------


def store_sums(indicator_ids: Iterable[int]) -> None:
    """Rewrites the stored sums of these indicators from their published figures, in the
    caller's transaction (after the figures and their publication were written), and the
    values computed from below of them (`sums_below.ValuesWriter`; of the indicators
    computed with them right after the commit)."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return
    tree = _read_tree()
    table, year_table = StoredSum._meta.db_table, StoredYearCount._meta.db_table
    # tens of thousands of tuples a figure: the collector paused (see `aggregation`)
    with published_reading(), gc_paused(), transaction.atomic(), connection.cursor() as cursor:
        values = ValuesWriter(ids)
        for pk in ids:
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = %s", [pk])
            cursor.execute(f"DELETE FROM {year_table} WHERE indicator_id = %s", [pk])
            found = _published_totals(pk, tree)
            values.write(pk, found)  # the same read, aggregated up the tree in time
            rows = _sums_of(pk, tree, found)
            if rows:
                cursor.executemany(
                    f"INSERT INTO {table} (indicator_id, territory_id, level, period, total, "
                    "count) VALUES (%s, %s, %s, %s, %s, %s)",
                    rows,
                )
            year_rows = _year_counts_of(pk, tree, found, rows)
            if year_rows:
                cursor.executemany(
                    f"INSERT INTO {year_table} (indicator_id, territory_id, level, year, count) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    year_rows,
                )
        updated = set(
            IndicatorVersion.objects.filter(indicator_id__in=ids).values_list(
                "indicator_id", flat=True
            )
        )
        IndicatorVersion.objects.filter(indicator_id__in=updated).update(
            computed=F("changed"), sums_tree=tree.digest
        )
        version = data_version()
        IndicatorVersion.objects.bulk_create(
            IndicatorVersion(
                indicator_id=pk, changed=version, computed=version, sums_tree=tree.digest
            )
            for pk in ids
            if pk not in updated
        )
        values.finish()


def _published_totals(indicator_id: int, tree: CurrentTree) -> list[tuple[int, str, float]]:
    """(unit, period, value) of the indicator's published totals (not projections)."""
    sql = (
        f"SELECT territory_id, period, value FROM {Observation._meta.db_table} "
        f"WHERE indicator_id = %s AND disaggregation = ''{REPORTED_SQL}{hidden_sql()}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator_id])
        found = cursor.fetchall()
    # every unit, past ones too: the values computed from below read these in time
    replaced = replaced_values([indicator_id], _every_unit()) if hidden_runs() else []
    if replaced:  # the published value where a hidden import replaced it
        merged = {(t, p): v for t, p, v in found}
        merged.update({(t, p): v for _i, t, p, _d, v in replaced})
        found = [(t, p, v) for (t, p), v in merged.items()]
    return found


def _every_unit() -> list[int]:
    return list(Territory.objects.values_list("pk", flat=True))


def _sums_of(
    indicator_id: int, tree: CurrentTree, found: list[tuple[int, str, float]]
) -> list[tuple]:
    """(indicator, unit, level, period, sum, count) of the indicator's published totals."""
    if not found:
        return []
    territory_ids, found_periods, found_values = zip(*found, strict=True)
    periods = sorted(set(found_periods))
    column = {p: j for j, p in enumerate(periods)}
    units = _tree_index(tree, territory_ids)
    cols = np.fromiter(map(column.__getitem__, found_periods), np.int64, len(found))
    values = np.fromiter(found_values, np.float64, len(found))
    return [
        (indicator_id, unit, level, periods[col], total, count)
        for unit, level, col, total, count in _up_the_tree(tree, units, cols, len(periods), values)
    ]


def _year_counts_of(
    indicator_id: int, tree: CurrentTree, found: list[tuple[int, str, float]], sums: list[tuple]
) -> list[tuple]:
    """(indicator, unit, level, year, count) of the units with a published total in the
    year, each counted once however many of the year's periods it reports: the counts of
    the sums (`_sums_of`) when every period is a year."""
    if all(len(period) == 4 for _i, _t, _l, period, _total, _count in sums):
        return [(i, t, level, year, count) for i, t, level, year, _total, count in sums]
    years = sorted({period[:4] for _t, period, _v in found})
    column = {y: j for j, y in enumerate(years)}
    units = _tree_index(tree, [t for t, _p, _v in found])
    cols = np.fromiter((column[period[:4]] for _t, period, _v in found), np.int64, len(found))
    pairs = np.unique(units * len(years) + cols)  # one (unit, year) however many periods
    units, cols = np.divmod(pairs, len(years))
    return [
        (indicator_id, unit, level, years[col], count)
        for unit, level, col, _total, count in _up_the_tree(tree, units, cols, len(years))
    ]


def _tree_index(tree: CurrentTree, territory_ids: Sequence[int]) -> np.ndarray:
    """Each unit's index in the tree; -1 for units a reform ended (in no stored sum)."""
    return np.fromiter(map(tree.index.get, territory_ids, repeat(-1)), np.int64, len(territory_ids))


def _up_the_tree(
    tree: CurrentTree,
    units: np.ndarray,
    cols: np.ndarray,
    n_cols: int,
    values: np.ndarray | None = None,
) -> list[tuple[int, str, int, float, int]]:
    """(ancestor id, level, column, sum of the values, count) for every ancestor of the
    units, level of a unit and column the units and their columns reach."""
    keep = units >= 0
    units, cols = units[keep], cols[keep]
    weights = values[keep] if values is not None else np.ones(len(units))
    n_levels = len(tree.levels)
    keys, added = [], []
    for depth in range(tree.ancestors.shape[1]):
        above = tree.ancestors[units, depth]
        has = above >= 0
        keys.append((above[has] * n_levels + tree.level_of[units[has]]) * n_cols + cols[has])
        added.append(weights[has])
    if not keys:
        return []
    unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    totals = np.bincount(inverse, weights=np.concatenate(added))
    counts = np.bincount(inverse)
    rows = []
    for key, total, count in zip(unique.tolist(), totals.tolist(), counts.tolist(), strict=True):
        unit, rest = divmod(key, n_levels * n_cols)
        level, col = divmod(rest, n_cols)
        rows.append((int(tree.ids[unit]), tree.levels[level], col, total, count))
    return rows


def out_of_date(indicator_ids: Iterable[int]) -> list[int]:
    """The indicators whose stored sums or stored values computed from below
    (`sums_below`) are missing or no longer hold: what `manage.py store_sums` writes."""
    from .selectors.catalogue import all_indicators
    from .sums_below import computes_from_below, fresh_values

    ids = list(indicator_ids)
    summed = fresh_indicators(ids, current_tree())
    catalogue = all_indicators()
    computing = [pk for pk in ids if pk in catalogue and computes_from_below(catalogue[pk])]
    with published_reading():
        valued = fresh_values(computing)
    return [pk for pk in ids if pk not in summed or (pk in computing and pk not in valued)]


# --- reading ---------------------------------------------------------------------------------


def cover(
    tree: CurrentTree, territory_ids: Iterable[int]
) -> tuple[set[tuple[int, str]], list[int]]:
    """({(unit id, level)} whose stored sums add up exactly the chosen units of that level,
    [chosen units no stored sum covers]). Each chosen unit is counted once: by its highest
    ancestor whose units of its level are all chosen."""
    chosen = set(territory_ids)
    full: dict[tuple[int, int], bool] = {}
    pairs: set[tuple[int, str]] = set()
    left: list[int] = []
    for t in chosen:
        i = tree.index.get(t)
        if i is None:
            left.append(t)
            continue
        level = int(tree.level_of[i])
        for a in reversed(tree.ancestors[i].tolist()):
            if a < 0:
                continue
            key = (a, level)
            if key not in full:
                full[key] = all(m in chosen for m in tree.members[key])
            if full[key]:
                pairs.add((int(tree.ids[a]), tree.levels[level]))
                break
        else:
            left.append(t)
    return pairs, left


def fresh_indicators(indicator_ids: Sequence[int], tree: CurrentTree) -> set[int]:
    """The indicators whose stored sums hold for their figures now and today's tree (every
    indicator's answer read at once, kept in the read cache by the data version)."""
    every = readcache.cached(
        "sums-fresh",
        tree.digest,
        lambda: set(
            IndicatorVersion.objects.filter(
                computed__gte=F("changed"), sums_tree=tree.digest
            ).values_list("indicator_id", flat=True)
        ),
    )
    return every & set(indicator_ids)


def stored_totals(
    indicator_ids: Sequence[int],
    pairs: set[tuple[int, str]],
    periods: Sequence[str] | None = None,
) -> dict[tuple[int, str], tuple[float, int]]:
    """{(indicator, period): (sum, count)} over the covered units, from the stored sums;
    every period when `periods` is None."""
    if not indicator_ids or not pairs or periods == []:
        return {}
    units = sorted({unit for unit, _level in pairs})
    marks = ", ".join
    sql = (
        f"SELECT indicator_id, territory_id, level, period, total, count "
        f"FROM {StoredSum._meta.db_table} WHERE indicator_id IN ({marks(['%s'] * len(indicator_ids))}) "
        f"AND territory_id IN ({marks(['%s'] * len(units))})"
    )
    params: list[int | str] = [*indicator_ids, *units]
    if periods is not None:
        sql += f" AND period IN ({marks(['%s'] * len(periods))})"
        params += list(periods)
    found: dict[tuple[int, str], tuple[float, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for i, t, level, p, total, count in cursor.fetchall():
            if (t, level) in pairs:
                before = found.get((i, p), (0.0, 0))
                found[(i, p)] = (before[0] + total, before[1] + count)
    return found


def stored_counts(indicator_ids: Sequence[int], pairs: set[tuple[int, str]]) -> dict[str, int]:
    """{period: units with a figure, added over the indicators} over the covered units."""
    if not indicator_ids or not pairs:
        return {}
    return _counted(StoredSum._meta.db_table, "period", indicator_ids, pairs)


def stored_year_counts(
    indicator_ids: Sequence[int] | None, pairs: set[tuple[int, str]]
) -> dict[str, int]:
    """{year: units with a figure in the year, added over the indicators} over the covered
    units; over every indicator when `indicator_ids` is None (a range of one index)."""
    if indicator_ids == [] or not pairs:
        return {}
    return _counted(StoredYearCount._meta.db_table, "year", indicator_ids, pairs)


def _counted(
    table: str, key: str, indicator_ids: Sequence[int] | None, pairs: set[tuple[int, str]]
) -> dict[str, int]:
    where = " OR ".join(["(territory_id = %s AND level = %s)"] * len(pairs))
    params: list = [part for pair in sorted(pairs) for part in pair]
    if indicator_ids is not None:
        where = f"indicator_id IN ({', '.join(['%s'] * len(indicator_ids))}) AND ({where})"
        params = [*indicator_ids, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {key}, SUM(count) FROM {table} WHERE {where} GROUP BY {key}", params
        )
        return {found: int(count) for found, count in cursor.fetchall()}
