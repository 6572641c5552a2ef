"""Typology of territories: standardise chosen indicators over the children of a unit and
group them with k-means (seeded, so the same data give the same groups)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aimaq.territories.models import Territory

from .models import Indicator
from .selectors import comparison_table, latest_common_period, map_units
from .visibility import one_reading

MIN_UNITS = 3  # fewer units with every value are compared, not grouped


@dataclass
class Group:
    number: int  # 1-based, groups ordered by their mean standardised score
    members: list[Territory]
    means: list[float]  # per indicator, in the indicators' units
    z_means: list[float]  # per indicator, standardised


@dataclass
class Typology:
    parent: Territory
    indicators: list[Indicator]
    period: str
    groups: list[Group]
    overall: list[float]
    left_out: list[Territory]  # units missing a value for some chosen indicator

    @property
    def unit_count(self) -> int:
        return sum(len(g.members) for g in self.groups)

    def group_of(self) -> dict[int, int]:
        return {t.pk: g.number for g in self.groups for t in g.members}


def cluster(matrix: np.ndarray, k: int) -> list[int]:
    """Labels 0..k-1 for standardised rows, renumbered so that the numbering is stable: groups
    are ordered by their mean standardised score (then by their first member)."""
    from sklearn.cluster import KMeans  # here, not at start-up: scikit-learn takes seconds to load

    model = KMeans(n_clusters=k, random_state=0, n_init=10)
    labels = model.fit_predict(matrix)
    order = sorted(
        range(k),
        key=lambda c: (
            round(float(matrix[labels == c].mean()), 9) if (labels == c).any() else 0.0,
            int(np.argmax(labels == c)),
        ),
    )
    renumber = {old: new for new, old in enumerate(order)}
    return [renumber[int(label)] for label in labels]


def standardise(values: np.ndarray) -> np.ndarray:
    mean = values.mean(axis=0)
    std = values.std(axis=0)
    std[std == 0] = 1.0
    return (values - mean) / std


@one_reading
def territory_typology(
    parent: Territory,
    indicators: Sequence[Indicator],
    *,
    k: int = 4,
    period: str | None = None,
    level: str | None = None,
) -> Typology:
    units = map_units(parent, level=level)
    if not period:
        period = latest_common_period(indicators, [u.pk for u in units])
    table = comparison_table(units, indicators, period)
    complete, left_out, rows = [], [], []
    for territory, cells in table.rows():
        known = [c.value for c in cells if c is not None and c.value is not None]
        if cells and len(known) == len(cells):
            complete.append(territory)
            rows.append(known)
        else:
            left_out.append(territory)
    result = Typology(parent, list(indicators), period, [], [], left_out)
    if len(complete) < MIN_UNITS or not indicators:  # one unit alone is not a typology
        result.left_out = [*complete, *left_out] if len(complete) < MIN_UNITS else left_out
        return result
    values = np.asarray(rows, dtype=float)
    z = standardise(values)
    k = max(1, min(k, len(complete), len(np.unique(z, axis=0))))
    labels = cluster(z, k) if k > 1 else [0] * len(complete)
    result.overall = values.mean(axis=0).tolist()
    for number in range(k):
        mask = np.asarray(labels) == number
        result.groups.append(
            Group(
                number=number + 1,
                members=[t for t, keep in zip(complete, mask, strict=True) if keep],
                means=values[mask].mean(axis=0).tolist(),
                z_means=z[mask].mean(axis=0).tolist(),
            )
        )
    return result
