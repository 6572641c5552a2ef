"""The coverage (completeness) report of one indicator: for each unit under a territory and
each period, whether the figure is reported by the unit itself, can be computed from the
units below it, or is missing — so gaps are seen before analysis (DHIS2's reporting rate).

One query reads the subtree's reported (territory, period) pairs; a derived indicator counts
as reported where both its parts are. Figures awaiting approval count only for those who may
see them (`visibility`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count

from aimaq.territories.kato import kato_prefix, kato_range
from aimaq.territories.models import Level, Territory

from ..models import Aggregation, Indicator, Observation
from ..visibility import hidden_sql, one_reading
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


def _reported_pairs(indicator: Indicator, parent: Territory) -> dict[str, set[str]]:
    """{period: KATO codes of the subtree's units reporting it} (one query per indicator
    read, two for a derived one, whose pairs are those where both parts are reported)."""
    ids = list(indicator.part_ids) if indicator.is_derived else [indicator.pk]
    low, high = kato_range(kato_prefix(parent.kato))
    found: list[dict[str, set[str]]] = []
    for pk in ids:
        sql = (
            f"SELECT t.kato, o.period FROM {Observation._meta.db_table} o "
            f"JOIN {Territory._meta.db_table} t ON t.id = o.territory_id "
            "WHERE o.indicator_id = %s AND o.disaggregation = '' AND t.kato >= %s AND t.kato <= %s"
            + hidden_sql("o.import_run_id")
        )
        pairs: dict[str, set[str]] = defaultdict(set)
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk, low, high])
            for kato, period in cursor.fetchall():
                pairs[period].add(kato)
        found.append(pairs)
    if len(found) == 1:
        return found[0]
    first, second = found
    return {p: first[p] & second[p] for p in first.keys() & second.keys() if first[p] & second[p]}


@one_reading
def indicator_coverage(indicator: Indicator, parent: Territory) -> Coverage:
    """Per period (oldest first), the parent and each of its units: reported, computed from
    below, or missing; and per level of the subtree, how many units report."""
    pairs = _reported_pairs(indicator, parent)
    periods = sorted(pairs)
    units = map_units(parent)
    # Units under the parent by prefix, to find which of them a reporting unit lies in.
    lengths = sorted({len(u.prefix) for u in units if u.prefix}, reverse=True)
    by_prefix = {u.prefix: u.kato for u in units if u.prefix}
    below: dict[str, set[str]] = defaultdict(set)  # unit kato → periods reported below it
    for period, katos in pairs.items():
        for kato in katos:
            for length in lengths:
                owner = by_prefix.get(kato[:length])
                if owner is not None:
                    if owner != kato:
                        below[owner].add(period)
                    break

    def cells(unit: Territory, has_below: set[str]) -> list[str]:
        return [
            REPORTED
            if unit.kato in pairs[p]
            else COMPUTED
            if p in has_below and indicator.aggregation != Aggregation.NONE
            else MISSING
            for p in periods
        ]

    parent_below = {p for p, katos in pairs.items() if katos - {parent.kato}}
    rows = [CoverageRow(parent, cells(parent, parent_below))]
    rows += [CoverageRow(u, cells(u, below[u.kato])) for u in units]
    return Coverage(indicator, parent, periods, rows, _levels(parent, pairs, periods))


def _levels(
    parent: Territory, pairs: dict[str, set[str]], periods: list[str]
) -> list[LevelCoverage]:
    subtree = Territory.objects.current().subtree(parent).exclude(pk=parent.pk)
    counts = dict(subtree.values_list("level").annotate(n=Count("pk")).order_by())
    level_of = dict(
        subtree.filter(kato__in=set().union(*pairs.values()) if pairs else []).values_list(
            "kato", "level"
        )
    )
    result = []
    for level, label in Level.choices:
        if not counts.get(level):
            continue
        reported = [sum(1 for k in pairs[p] if level_of.get(k) == level) for p in periods]
        result.append(LevelCoverage(level, str(label), counts[level], reported))
    return result
