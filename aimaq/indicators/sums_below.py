"""Values computed from below, stored with the sums (`sums.py`), for the profile.

When figures are reported by rural okrugs only (how akimats report), a profile of the
country, an oblast or a rayon computes each indicator from below: one aggregation per
indicator over the subtree, about 26 s for the country's 300 indicators in a new process.
So the values the aggregation computes (`aggregation.aggregate_grid`, totals only) are
stored where a unit does not report its own (`StoredValue`): written by `store_sums`
(`ValuesWriter`) in the transaction of the import or approval decision that changed what the
public sees, from the published figures; the indicators computed with it (a derived
indicator of its parts, an average weighted by it) right after its commit.

They are read only by a reader who sees exactly the published figures (every visitor; an
official with nothing awaiting approval in scope — others compute as before), and only while
`IndicatorVersion.values_key` still names what they were made from: the tree in time with
its populations, the indicator's rule, and the figure versions of the indicator and of every
indicator it is computed with (`values_key`). Otherwise the profile computes them as before.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import connection, transaction

from aimaq.territories.models import Territory

from . import readcache
from .aggregation import POPULATION_CODE, Tree, aggregate_grid, territory_tree
from .models import Aggregation, Indicator, IndicatorVersion, StoredValue
from .visibility import published_reading, reads_published

Catalogue = dict[int, Indicator]


def computes_from_below(indicator: Indicator) -> bool:
    """Whether the aggregation gives the indicator values where a unit reports none."""
    return indicator.is_derived or indicator.aggregation != Aggregation.NONE


def _population_id(catalogue: Catalogue) -> int | None:
    return next((pk for pk, i in catalogue.items() if i.code == POPULATION_CODE), None)


def _made_with(indicator: Indicator, population_id: int | None) -> list[int]:
    """The indicators whose values the aggregation reads to compute this one's (one step)."""
    if indicator.is_derived:
        return list(indicator.part_ids)
    weight: int | None
    if indicator.aggregation == Aggregation.INDICATOR_WEIGHTED and indicator.weight_indicator_id:
        weight = indicator.weight_indicator_id
    elif indicator.aggregation in (Aggregation.POPULATION_WEIGHTED, Aggregation.INDICATOR_WEIGHTED):
        weight = population_id
    else:
        return []
    return [weight] if weight is not None and weight != indicator.pk else []


def dependencies(indicator: Indicator, catalogue: Catalogue, population_id: int | None) -> set[int]:
    """Every indicator the computed values of this one are made with, through any number of
    steps (a derived indicator's parts, their weights …), itself not included."""
    found: set[int] = set()
    todo = _made_with(indicator, population_id)
    while todo:
        pk = todo.pop()
        if pk in found or pk == indicator.pk or pk not in catalogue:
            continue
        found.add(pk)
        todo += _made_with(catalogue[pk], population_id)
    return found


def with_dependents(indicator_ids: Iterable[int], catalogue: Catalogue) -> list[int]:
    """The indicators and those whose computed values are made with any of them."""
    population_id = _population_id(catalogue)
    ids = set(indicator_ids)
    return sorted(
        pk
        for pk, indicator in catalogue.items()
        if pk in ids or dependencies(indicator, catalogue, population_id) & ids
    )


def values_key(
    indicator: Indicator,
    catalogue: Catalogue,
    versions: dict[int, int],
    tree: str,
    population_id: int | None,
) -> str:
    """What the indicator's computed values are made from, as a digest: the tree (`tree`),
    its rule, and the figure version of itself and of each indicator it is computed with."""
    rule = [
        indicator.aggregation,
        indicator.numerator_id,
        indicator.denominator_id,
        str(indicator.factor),
        indicator.weight_indicator_id,
        population_id,
    ]
    made_with = sorted(dependencies(indicator, catalogue, population_id))
    figures = [f"{pk}:{versions.get(pk, 0)}" for pk in [indicator.pk, *made_with]]
    return readcache.digest([tree, *rule, *figures])


def _read_tree_digest() -> str:
    rows = Territory.objects.order_by("pk").values_list(
        "pk", "parent_id", "kato", "valid_from", "valid_to", "population"
    )
    return readcache.digest("/".join(map(str, row)) for row in rows)


def tree_digest() -> str:
    """A digest of every unit, past and present, with its parent, validity and population
    (what the aggregation in time reads), kept while the territories stay as they are."""
    return readcache.cached_many(
        "values-tree", ["all"], lambda keys: {"all": _read_tree_digest()},
        version=readcache.structure_version() if readcache.enabled() else None,
    )["all"]  # fmt: skip


# --- writing ---------------------------------------------------------------------------------


class ValuesWriter:
    """Rewrites the stored computed values of the given indicators from the published
    figures, in the caller's transaction (`sums.store_sums`, which reads as the public
    does): `write` each of them (with its totals when already read), then `finish`, which
    records what they were made from. The indicators computed with them (a derived one of
    its parts, the averages weighted by the population) are rewritten after the commit, each
    in a short transaction of its own (`refresh_values`): an import of the population would
    otherwise hold the write lock while every weighted average is recomputed; until then
    their stored values no longer match their key and profiles compute them as before."""

    def __init__(self, indicator_ids: Iterable[int], *, dependents: bool = True) -> None:
        self.catalogue = {i.pk: i for i in Indicator.objects.all()}
        asked = {pk for pk in indicator_ids if pk in self.catalogue}
        self.ids = sorted(asked)
        every = with_dependents(asked, self.catalogue) if dependents else self.ids
        self.later = [pk for pk in every if pk not in asked]
        self.written: set[int] = set()
        self.tree: Tree | None = None

    def write(self, pk: int, found: list[tuple[int, str, float]] | None = None) -> None:
        """The indicator's values; `found`: its published totals (unit, period, value)."""
        table = StoredValue._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = %s", [pk])
            self.written.add(pk)
            if pk not in self.catalogue or not computes_from_below(self.catalogue[pk]):
                return
            if self.tree is None:
                self.tree = territory_tree(None)
            tree = self.tree
            grid = aggregate_grid(self.catalogue[pk], tree, totals_only=True, found=found)
            rows, cols = np.nonzero(~grid.reported & ~np.isnan(grid.values))
            if len(rows):
                periods = [period for period, _split in grid.columns]
                cursor.executemany(
                    f"INSERT INTO {table} (indicator_id, territory_id, period, value) "
                    "VALUES (%s, %s, %s, %s)",
                    list(
                        zip(
                            [pk] * len(rows),
                            tree.ids[rows].tolist(),
                            [periods[j] for j in cols.tolist()],
                            grid.values[rows, cols].tolist(),
                            strict=True,
                        )
                    ),
                )

    def finish(self) -> None:
        for pk in self.ids:
            if pk not in self.written:
                self.write(pk)
        if not self.ids:
            return
        ids, catalogue = self.ids, self.catalogue
        present = set(
            IndicatorVersion.objects.filter(indicator_id__in=ids).values_list(
                "indicator_id", flat=True
            )
        )
        IndicatorVersion.objects.bulk_create(
            IndicatorVersion(indicator_id=pk, changed=0) for pk in ids if pk not in present
        )
        versions = dict(IndicatorVersion.objects.values_list("indicator_id", "changed"))
        digest, population_id = _read_tree_digest(), _population_id(catalogue)
        for pk in ids:
            key = values_key(catalogue[pk], catalogue, versions, digest, population_id)
            IndicatorVersion.objects.filter(indicator_id=pk).update(values_key=key)
        if self.later:
            transaction.on_commit(functools.partial(refresh_values, self.later))


def refresh_values(indicator_ids: Iterable[int]) -> None:
    """Rewrites the stored computed values of these indicators, one short transaction each
    (the dependents of an import's indicators, after its commit)."""
    for pk in indicator_ids:
        with published_reading(), transaction.atomic():
            writer = ValuesWriter([pk], dependents=False)
            writer.finish()


# --- reading ---------------------------------------------------------------------------------


def fresh_values(indicator_ids: Iterable[int]) -> set[int]:
    """Those of the indicators whose stored computed values the current reader may read:
    made from what is there now, and the reader sees the published figures. Every
    indicator's answer worked out at once, kept in the read cache by the data version."""

    def compute() -> frozenset[int]:
        from .selectors.catalogue import all_indicators

        rows = list(IndicatorVersion.objects.values_list("indicator_id", "changed", "values_key"))
        stored = {pk: key for pk, _changed, key in rows if key}
        if not stored:
            return frozenset()
        catalogue = all_indicators()
        population_id = _population_id(catalogue)
        digest = tree_digest()
        versions = {pk: changed for pk, changed, _key in rows}
        return frozenset(
            pk
            for pk, key in stored.items()
            if pk in catalogue
            and key == values_key(catalogue[pk], catalogue, versions, digest, population_id)
        )

    found = set(readcache.cached("values-fresh", "all", compute)) & set(indicator_ids)
    return found if found and reads_published() else set()


def stored_values(
    indicator_ids: Sequence[int], territory_ids: Sequence[int], period: str | None = None
) -> dict[tuple[int, int], list[tuple[str, float]]]:
    """{(indicator, territory): [(period, value)], oldest first} of the stored computed
    values (of one period when given). Check `fresh_values` first."""
    if not indicator_ids or not territory_ids:
        return {}
    marks = ", ".join
    sql = (
        f"SELECT indicator_id, territory_id, period, value FROM {StoredValue._meta.db_table} "
        f"WHERE indicator_id IN ({marks(['%s'] * len(indicator_ids))}) "
        f"AND territory_id IN ({marks(['%s'] * len(territory_ids))})"
    )
    params: list = [*indicator_ids, *territory_ids]
    if period is not None:
        sql += " AND period = %s"
        params.append(period)
    found: dict[tuple[int, int], list[tuple[str, float]]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY indicator_id, territory_id, period", params)
        for indicator_id, territory_id, found_period, value in cursor.fetchall():
            found[(indicator_id, territory_id)].append((found_period, value))
    return dict(found)
