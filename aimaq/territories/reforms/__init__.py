"""Territories in their own time: the reforms since independence as data (`reforms.json`),
applied to the registry by the KATO loader (`apply_reforms`), and the breaks they make in
series and maps (`breaks`).

    from aimaq.territories.reforms import apply_reforms, series_breaks, breaks_by_unit
"""

from .breaks import SeriesBreak, breaks_between, breaks_by_unit, series_breaks
from .data import ReformData, load_reforms
from .service import ReformReport, apply_reforms, unit_on

__all__ = [
    "ReformData",
    "ReformReport",
    "SeriesBreak",
    "apply_reforms",
    "breaks_between",
    "breaks_by_unit",
    "load_reforms",
    "series_breaks",
    "unit_on",
]
