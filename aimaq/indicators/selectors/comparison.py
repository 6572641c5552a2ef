"""The comparison table: chosen territories × chosen indicators for one year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aimaq.territories.models import Territory

from ..models import Indicator
from ..visibility import one_reading
from .periods import default_year
from .values import series_of, year_end


@dataclass
class ComparisonCell:
    value: float | None
    period: str


@dataclass
class ComparisonTable:
    territories: list[Territory]
    indicators: list[Indicator]
    period: str
    cells: dict[tuple[int, int], ComparisonCell]  # (territory_id, indicator_id)

    def rows(self) -> list[tuple[Territory, list[ComparisonCell | None]]]:
        return [
            (t, [self.cells.get((t.pk, i.pk)) for i in self.indicators]) for t in self.territories
        ]

    def sorted_by(self, code: str | None, descending: bool = False) -> ComparisonTable:
        """Territories ordered by one indicator's value (missing values last) or by name."""
        index = {i.code: i for i in self.indicators}
        if code in index:
            pk = index[code].pk
            scored = [
                (value, t) for t in self.territories if (value := self._value(t.pk, pk)) is not None
            ]
            absent = [t for t in self.territories if self._value(t.pk, pk) is None]
            scored.sort(key=lambda pair: pair[0], reverse=descending)
            order = [t for _value, t in scored] + absent
        elif code == "name":
            order = sorted(self.territories, key=lambda t: t.name, reverse=descending)
        else:
            order = list(self.territories)
        return ComparisonTable(order, self.indicators, self.period, self.cells)

    def _value(self, territory_id: int, indicator_id: int) -> float | None:
        cell = self.cells.get((territory_id, indicator_id))
        return None if cell is None else cell.value


def latest_common_period(indicators: Sequence[Indicator], territory_ids: Sequence[int]) -> str:
    """The default year of a comparison: the one rule of every page (`periods.py`), the
    latest year the chosen territories broadly report."""
    return default_year([i.pk for i in indicators], territory_ids)


@one_reading
def comparison_table(
    territories: Sequence[Territory], indicators: Sequence[Indicator], period: str | None = None
) -> ComparisonTable:
    """Chosen territories × chosen indicators for one year.

    Annual indicators read that year; sub-annual ones the latest quarter or month of it
    (the cell keeps the period it shows); a derived indicator a unit does not report is the
    ratio of its parts. One query.
    """
    territory_ids = [t.pk for t in territories]
    if not period:
        period = latest_common_period(indicators, territory_ids)
    cells: dict[tuple[int, int], ComparisonCell] = {}
    if period and territory_ids and indicators:
        year = period[:4]
        found = series_of(territory_ids, [i.pk for i in indicators], cap=year_end(year))
        for (indicator_id, territory_id), points in found.items():
            for found_period, value in points:
                if found_period < year or (len(period) > 4 and found_period != period):
                    continue
                key = (territory_id, indicator_id)
                existing = cells.get(key)
                # the annual figure wins; otherwise the latest sub-period of the year
                if existing is None or (
                    len(existing.period) > 4
                    and (len(found_period) == 4 or found_period > existing.period)
                ):
                    cells[key] = ComparisonCell(value=value, period=found_period)
    return ComparisonTable(list(territories), list(indicators), period or "", cells)
