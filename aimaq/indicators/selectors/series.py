"""Time series: one indicator over every period, for a few territories."""

from __future__ import annotations

from collections.abc import Sequence

from aimaq.territories.models import Territory

from ..models import Indicator
from ..visibility import one_reading
from .values import Series, series_of


@one_reading
def time_series(
    indicator: Indicator, territories: Sequence[Territory]
) -> list[tuple[Territory, Series]]:
    """Each territory's values of one indicator over all periods, oldest first (an empty
    series for a territory without any). One query."""
    points = series_of([t.pk for t in territories], [indicator.pk])
    return [(t, list(points.get((indicator.pk, t.pk), []))) for t in territories]
