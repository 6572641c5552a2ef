"""Derived indicators: numerator / denominator × factor (poverty rate = poor / population × 100)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from aimaq.territories.models import Territory

from .aggregation import aggregate_grid, territory_tree
from .models import Indicator
from .visibility import one_reading


@dataclass(frozen=True)
class DerivedValue:
    territory_id: int
    period: str
    disaggregation: str
    value: float
    numerator: float
    denominator: float
    computed: bool  # True when a part was itself computed up the tree, not reported


@one_reading
def derived_values(
    indicator: Indicator,
    territories: Iterable[Territory] | None = None,
    periods: Iterable[str] | None = None,
) -> list[DerivedValue]:
    """The ratio for each territory, period and disaggregation where both parts are known
    (reported, or computed up the tree by their own rules) and the denominator is not zero.
    A value the indicator reports itself is not replaced here: read it from observations."""
    if not indicator.is_derived:
        raise ValueError(f"Indicator {indicator.code} has no numerator and denominator.")
    tree = territory_tree()
    periods = list(periods) if periods is not None else None
    numerator_of, denominator_of = indicator.parts()
    numerator = aggregate_grid(numerator_of, tree, periods)
    denominator = aggregate_grid(denominator_of, tree, periods)
    den_position = {column: j for j, column in enumerate(denominator.columns)}
    wanted = None
    if territories is not None:
        wanted = [tree.index[t.pk] for t in territories if t.pk in tree.index]
    rows = np.arange(tree.size) if wanted is None else np.array(wanted, dtype=np.int64)
    factor = float(indicator.factor)
    out = []
    for j, column in enumerate(numerator.columns):
        k = den_position.get(column)
        if k is None:
            continue
        for i in rows.tolist():
            num, den = numerator.values[i, j], denominator.values[i, k]
            if np.isnan(num) or np.isnan(den) or den == 0:
                continue
            out.append(
                DerivedValue(
                    territory_id=int(tree.ids[i]),
                    period=column[0],
                    disaggregation=column[1],
                    value=float(num) / float(den) * factor,
                    numerator=float(num),
                    denominator=float(den),
                    computed=not (numerator.reported[i, j] and denominator.reported[i, k]),
                )
            )
    return out
