"""Values a territory does not report, computed for the profile: a derived indicator as the
ratio of its reported parts, or an indicator aggregated up the tree from the units below."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from aimaq.territories.models import Territory

from .. import readcache
from ..aggregation import aggregate, territory_tree
from ..derived import derived_values
from ..models import Aggregation, Indicator
from ..sums_below import fresh_values, stored_values
from .values import Series, fill_ratios


def aggregated_series(
    indicators: Iterable[Indicator], territory: Territory, cap: str | None
) -> dict[int, Series]:
    """{indicator_id: series, oldest first} aggregated from the territory's subtree, for the
    indicators that aggregate (or are derived); periods after `cap` left out, indicators
    with no value left out.

    A profile computed from below (figures reported by rural okrugs only) reads the values
    the imports stored (`sums_below`). Where they do not hold (an official who sees figures
    awaiting approval; the tree or the figures changed some other way) it is one
    aggregation per indicator over the subtree: seconds for an oblast, a minute for the
    country. Each aggregation gives every unit of the subtree its series, so all of them
    are kept in the read cache (`readcache`, tied to the data version): the profile of any
    unit below reads them instead of aggregating again."""
    wanted = {
        f"{i.pk}:{territory.pk}": i
        for i in indicators
        if i.aggregation != Aggregation.NONE or i.is_derived
    }
    if not wanted:
        return {}
    result: dict[int, Series] = {}
    fresh = fresh_values(i.pk for i in wanted.values())
    if fresh:
        stored = stored_values(sorted(fresh), [territory.pk])
        for (pk, _territory), points in stored.items():
            kept = [point for point in points if cap is None or point[0] <= cap]
            if kept:
                result[pk] = kept
        wanted = {key: i for key, i in wanted.items() if i.pk not in fresh}
        if not wanted:
            return result

    def compute(keys: list[str]) -> dict[str, Series]:
        tree = territory_tree(territory)
        below: dict[str, Series] = {}
        for key in keys:
            indicator = wanted[key]
            per_unit: dict[int, Series] = defaultdict(list)
            for v in aggregate(indicator, root=territory, tree=tree):
                if not v.disaggregation:
                    per_unit[v.territory_id].append((v.period, v.value))
            for territory_id, points in per_unit.items():
                below[f"{indicator.pk}:{territory_id}"] = sorted(points)
        readcache.store_many("below", below)
        return {key: below.get(key, []) for key in keys}

    found = readcache.cached_many("below", list(wanted), compute)
    for key, points in found.items():
        kept = [point for point in points if cap is None or point[0] <= cap]
        if kept:
            result[wanted[key].pk] = kept
    return result


def derive_around(
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
    territory_ids = list(territory_ids)
    filled = fill_ratios(indicator, values, territory_ids)
    if any(t is not None and (pk, t) not in values for t in required):
        if fresh_values([pk]):  # the ratios of the parts aggregated, as the import stored them
            missing = [t for t in territory_ids if (pk, t) not in values]
            for (_pk, t), points in stored_values([pk], missing, period).items():
                values[(pk, t)] = points[0][1]
                filled.add((pk, t))
            return filled
        wanted = [Territory(pk=t) for t in territory_ids if (pk, t) not in values]
        for derived in derived_values(indicator, wanted, [period]):
            if not derived.disaggregation:
                values[(pk, derived.territory_id)] = derived.value
                filled.add((pk, derived.territory_id))
    return filled
