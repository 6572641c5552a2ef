"""Values a territory does not report, computed for the profile: a derived indicator as the
ratio of its reported parts, or an indicator aggregated up the tree from the units below."""

from __future__ import annotations

from collections.abc import Iterable

from aimaq.territories.models import Territory

from ..aggregation import aggregate, territory_tree
from ..derived import derived_values
from ..models import Aggregation, Indicator
from .values import Series, fill_ratios


def aggregated_series(
    indicators: Iterable[Indicator], territory: Territory, cap: str | None
) -> dict[int, Series]:
    """{indicator_id: series, oldest first} aggregated from the territory's subtree, for the
    indicators that aggregate (or are derived); periods after `cap` left out, indicators
    with no value left out."""
    found = {}
    tree = territory_tree(territory)
    for indicator in indicators:
        if indicator.aggregation == Aggregation.NONE and not indicator.is_derived:
            continue
        computed = aggregate(indicator, root=territory, tree=tree)
        points = sorted(
            (v.period, v.value)
            for v in computed
            if _territory_id(v) == territory.pk
            and not getattr(v, "disaggregation", "")
            and (cap is None or v.period <= cap)
        )
        if points:
            found[indicator.pk] = points
    return found


def _territory_id(aggregated: object) -> int | None:
    territory_id = getattr(aggregated, "territory_id", None)
    if territory_id is None:
        territory = getattr(aggregated, "territory", None)
        territory_id = getattr(territory, "pk", territory)
    return territory_id


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
        wanted = [Territory(pk=t) for t in territory_ids if (pk, t) not in values]
        for derived in derived_values(indicator, wanted, [period]):
            if not derived.disaggregation:
                values[(pk, derived.territory_id)] = derived.value
                filled.add((pk, derived.territory_id))
    return filled
