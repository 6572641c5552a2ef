"""When units were valid: the days a period covers, and whether a unit existed then.

Periods are written as statistics write them (SDMX): 2018, 2018-Q2, 2018-06. A unit is
valid from `valid_from` (included) to `valid_to` (excluded); a value for a period may land on
a unit valid on any day of it (a 2018 figure of Turkestan oblast, begun 19.06.2018, is its).
A unit dated from independence (16.12.1991, the registry's earliest date) existed before it
too: its validity has no start (`start_of`), so older series land on it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def start_of(valid_from: date | None) -> date | None:
    """The day a unit began, None when it was there at independence (or earlier)."""
    from .models import REFORM_EPOCH

    return None if valid_from is None or valid_from <= REFORM_EPOCH else valid_from


def span_of(period: str) -> tuple[date, date] | None:
    """(first day, last day) of a canonical period ("2018", "2018-Q2", "2018-06"); None for
    anything else."""
    text = (period or "").strip()
    try:
        if match := _YEAR.match(text):
            year = int(match[1])
            return date(year, 1, 1), date(year, 12, 31)
        if match := _QUARTER.match(text):
            year, quarter = int(match[1]), int(match[2])
            first_month = 3 * quarter - 2
            last_month = first_month + 2
            last_day = calendar.monthrange(year, last_month)[1]
            return date(year, first_month, 1), date(year, last_month, last_day)
        if match := _MONTH.match(text):
            year, month = int(match[1]), int(match[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None
    return None


def overlaps(valid_from: date | None, valid_to: date | None, first: date, last: date) -> bool:
    """Was something valid from `valid_from` (included) to `valid_to` (excluded; None: still)
    on any day from `first` to `last` (both included)?"""
    return (valid_from is None or valid_from <= last) and (valid_to is None or valid_to > first)


def valid_in(valid_from: date | None, valid_to: date | None, period: str) -> bool:
    """Was a unit valid on any day of `period`? True when the period cannot be read (the
    period's own check reports that)."""
    span = span_of(period)
    return span is None or overlaps(start_of(valid_from), valid_to, *span)
