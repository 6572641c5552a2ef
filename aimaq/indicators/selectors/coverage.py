"""The coverage (completeness) report of one indicator: for each unit under a territory and
each period, whether the figure is reported by the unit itself, can be computed from the
units below it, or is missing — so gaps are seen before analysis (DHIS2's reporting rate).

One query reads the subtree's reported (territory, period) pairs; a derived indicator counts
as reported where both its parts are. Figures awaiting approval count only for those who may
see them (`visibility`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import get_language

from aimaq.territories.kato import kato_prefix, kato_range
from aimaq.territories.models import Level, Territory

from .. import readcache
from ..models import Aggregation, Indicator, Observation
from ..visibility import REPORTED_SQL, hidden_sql, one_reading
from .maps import map_units

REPORTED, COMPUTED, MISSING = "reported", "computed", "missing"


@dataclass(frozen=True)
class CoverageRow:
    territory: Territory
    cells: list[str]  # per period of the report, oldest first

    @property
    def reported(self) -> int:
        return self.cells.count(REPORTED)


@dataclass(frozen=True)
class LevelCoverage:
    """How many units of a level report each period, of how many there are."""

    level: str
    label: str
    units: int
    reported: list[int]  # per period of the report, oldest first


@dataclass(frozen=True)
class Coverage:
    indicator: Indicator
    parent: Territory
    periods: list[str]
    rows: list[CoverageRow] = field(default_factory=list)  # the parent, then its units
    levels: list[LevelCoverage] = field(default_factory=list)

    def totals(self, status: str) -> list[int]:
        """Per period, the number of units (the parent's units, not the parent) in `status`."""
        return [
            sum(1 for row in self.rows[1:] if row.cells[n] == status)
            for n in range(len(self.periods))
        ]


@dataclass(frozen=True)
class _Subtree:
    """The parent's subtree as plain data, read once: every unit's code (units of earlier
    reforms included, as figures may be theirs) and the current units' levels."""

    codes: dict[int, str]  # territory id → KATO
    levels: dict[str, str]  # KATO → level, current units below the parent


def _subtree(parent: Territory) -> _Subtree:
    low, high = kato_range(kato_prefix(parent.kato))
    rows = Territory.objects.filter(kato__gte=low, kato__lte=high).values_list(
        "pk", "kato", "level", "valid_to"
    )
    codes, levels = {}, {}
    for pk, kato, level, valid_to in rows:
        codes[pk] = kato
        if valid_to is None and pk != parent.pk:
            levels[kato] = level
    return _Subtree(codes, levels)


def _reported(indicator: Indicator, parent: Territory, tree: _Subtree) -> dict[str, set[str]]:
    """{KATO code of a subtree unit: periods it reports} (one query per indicator read, two
    for a derived one, which is reported where both its parts are). Whole country: the
    indicator's range of the key; a smaller subtree: its units' ranges. One row per unit,
    its periods joined (grouped in the key's order: no sort)."""
    ids = list(indicator.part_ids) if indicator.is_derived else [indicator.pk]
    whole = not kato_prefix(parent.kato)
    units = [] if whole else sorted(tree.codes)
    joined = (
        "string_agg(period, ',')"
        if connection.vendor == "postgresql"
        else "group_concat(period, ',')"
    )
    found: list[dict[str, set[str]]] = []
    for pk in ids:
        sql = (
            f"SELECT territory_id, {joined} FROM {Observation._meta.db_table} "
            f"WHERE indicator_id = %s AND disaggregation = ''{REPORTED_SQL}"
            + ("" if whole else f" AND territory_id IN ({', '.join(['%s'] * len(units))})")
            + hidden_sql("import_run_id")
            + " GROUP BY territory_id"
        )
        reported: dict[str, set[str]] = defaultdict(set)
        codes = tree.codes
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk, *units])
            for territory_id, periods in cursor.fetchall():
                kato = codes.get(territory_id)
                if kato is not None:
                    reported[kato].update(periods.split(","))
        found.append(reported)
    if len(found) == 1:
        return found[0]
    first, second = found
    both = {k: first[k] & second[k] for k in first.keys() & second.keys()}
    return {k: periods for k, periods in both.items() if periods}


@one_reading
def indicator_coverage(indicator: Indicator, parent: Territory) -> Coverage:
    """Per period (oldest first), the parent and each of its units: reported, computed from
    below, or missing; and per level of the subtree, how many units report. From the read
    cache when the figures have not changed since (`readcache`)."""
    key = f"{indicator.pk}:{parent.pk}:{get_language()}"
    return readcache.cached("coverage", key, lambda: _coverage(indicator, parent))


def _coverage(indicator: Indicator, parent: Territory) -> Coverage:
    tree = _subtree(parent)
    reported = _reported(indicator, parent, tree)
    periods = sorted(set().union(*reported.values())) if reported else []
    units = map_units(parent)
    # Units under the parent by prefix, to find which of them a reporting unit lies in.
    lengths = sorted({len(u.prefix) for u in units if u.prefix}, reverse=True)
    by_prefix = {u.prefix: u.kato for u in units if u.prefix}
    below: dict[str, set[str]] = defaultdict(set)  # unit kato → periods reported below it
    reporting: dict[str, Counter[str]] = defaultdict(Counter)  # level → period → units
    level_of = tree.levels
    for kato, its_periods in reported.items():
        for length in lengths:
            owner = by_prefix.get(kato[:length])
            if owner is not None:
                if owner != kato:
                    below[owner] |= its_periods
                break
        level = level_of.get(kato)
        if level is not None:
            reporting[level].update(its_periods)
    computes = indicator.aggregation != Aggregation.NONE

    def cells(unit: Territory, has_below: set[str]) -> list[str]:
        own = reported.get(unit.kato, set())
        return [
            REPORTED if p in own else COMPUTED if p in has_below and computes else MISSING
            for p in periods
        ]

    parent_below = set().union(*(v for k, v in reported.items() if k != parent.kato))
    rows = [CoverageRow(parent, cells(parent, parent_below))]
    rows += [CoverageRow(u, cells(u, below[u.kato])) for u in units]
    return Coverage(indicator, parent, periods, rows, _levels(tree, reporting, periods))


def _levels(
    tree: _Subtree, reporting: dict[str, Counter[str]], periods: list[str]
) -> list[LevelCoverage]:
    counts = Counter(tree.levels.values())
    return [
        LevelCoverage(level, str(label), counts[level], [reporting[level][p] for p in periods])
        for level, label in Level.choices
        if counts.get(level)
    ]
