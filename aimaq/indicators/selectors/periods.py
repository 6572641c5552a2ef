"""The one rule for the period a page shows by default, used by every page (profile, map,
comparison, typology, poverty) and its API twin.

**The latest period that is broadly reported**: among the territories a page compares, the
latest period in which at least half as many (indicator, territory) pairs have a figure as
in their best-covered period. So when four oblasts of twenty already have next year's
figures, every page still opens on this year, and says that a later period exists with
fewer figures; the person can choose it.

Pages comparing several indicators (profile, comparison, typology, poverty) count by year (a
quarterly figure counts for its year); a map of one indicator counts by its own periods.
A derived indicator counts through its parts. One query, a set of ranges of the key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from .. import readcache
from ..models import Observation, ObservationStatus
from ..visibility import one_reading
from .values import with_parts


@dataclass(frozen=True)
class PeriodChoice:
    """The period a page shows: the one asked for, else the default by the rule; the
    periods there are (newest first) and how many pairs each one has."""

    shown: str
    default: str
    available: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_default(self) -> bool:
        return self.shown == self.default

    @property
    def thinner(self) -> list[str]:
        """Periods after the default: reported by fewer territories so far."""
        return [p for p in self.available if p > self.default]

    @property
    def best_count(self) -> int:
        return max(self.counts.values(), default=0)


def broadly_reported(counts: Counter[str] | dict[str, int]) -> str:
    """The latest key whose count is at least half the best count; "" when empty."""
    if not counts:
        return ""
    best = max(counts.values())
    return max(key for key, count in counts.items() if count * 2 >= best)


def reported_counts(
    indicator_ids: Sequence[int], territory_ids: Sequence[int], *, by_year: bool
) -> Counter[str]:
    """{period (or year): number of (indicator, territory) pairs with a reported total (not a
    projection) in it} for the indicators (derived ones through their parts) and territories.
    From the read cache while the data version stays (the siblings of a unit share it: a
    national profile counts 300 indicators' figures over them)."""
    ids = with_parts(list(indicator_ids))
    territory_ids = list(territory_ids)
    if not ids or not territory_ids:
        return Counter()
    key = readcache.digest([*sorted(ids), "|", *sorted(territory_ids), "|", by_year])
    return readcache.cached("period-counts", key, lambda: _counted(ids, territory_ids, by_year))


def _counted(ids: list[int], territory_ids: list[int], by_year: bool) -> Counter[str]:
    """The counts: from the stored counts (`sums.py`) where they hold and cover the
    territories — a period's (or a year's) count of an indicator over a unit's units of a
    level is what they store —, the rest counted in the figures."""
    from .. import sums
    from ..visibility import reads_published
    from .catalogue import all_indicators

    if not reads_published():
        return _counted_in_figures(ids, territory_ids, by_year)
    tree = sums.current_tree()
    fresh = sums.fresh_indicators(ids, tree)
    if not fresh:
        return _counted_in_figures(ids, territory_ids, by_year)
    pairs, left = sums.cover(tree, territory_ids)
    if not by_year:
        counts = Counter(sums.stored_counts(sorted(fresh), pairs))
    elif len(fresh) == len(all_indicators()):  # a profile's: every indicator, unfiltered
        counts = Counter(sums.stored_year_counts(None, pairs))
    else:
        counts = Counter(sums.stored_year_counts(sorted(fresh), pairs))
    if left:
        counts.update(_counted_in_figures(sorted(fresh), left, by_year))
    others = [pk for pk in ids if pk not in fresh]
    if others:
        counts.update(_counted_in_figures(others, territory_ids, by_year))
    return counts


def _counted_in_figures(ids: list[int], territory_ids: list[int], by_year: bool) -> Counter[str]:
    table = Observation._meta.db_table
    key = "substr(period, 1, 4)" if by_year else "period"
    pair = "indicator_id * 10000000 + territory_id"
    sql = (
        f"SELECT {key}, COUNT(DISTINCT {pair}) FROM {table} "
        f"WHERE indicator_id IN ({', '.join(['%s'] * len(ids))}) "
        f"AND territory_id IN ({', '.join(['%s'] * len(territory_ids))}) "
        # Projections are not reported figures: they never make a period the default.
        f"AND disaggregation = '' AND status <> %s {hidden_condition()} GROUP BY {key}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *territory_ids, ObservationStatus.PROJECTION.value])
        return Counter({period: count for period, count in cursor.fetchall()})


def hidden_condition() -> str:
    """SQL that leaves out figures the reader may not see (not yet approved)."""
    from ..visibility import hidden_sql

    return hidden_sql()


@one_reading
def period_choice(
    indicator_ids: Sequence[int],
    territory_ids: Sequence[int],
    asked: str | None = None,
    *,
    by_year: bool = True,
) -> PeriodChoice:
    """The period to show for these indicators and territories: `asked` when given, else
    the latest broadly reported one; with the periods there are, newest first."""
    counts = reported_counts(indicator_ids, territory_ids, by_year=by_year)
    default = broadly_reported(counts)
    shown = (asked or "").strip() or default
    return PeriodChoice(shown, default, sorted(counts, reverse=True), dict(counts))


def default_year(indicator_ids: Sequence[int], territory_ids: Sequence[int]) -> str:
    """The default year of a page comparing these indicators over these territories."""
    return period_choice(indicator_ids, territory_ids).default
