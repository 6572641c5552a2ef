"""Time periods as SDMX writes them: 2022, 2022-Q1, 2022-03."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Periodicity

YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
QUARTER = re.compile(r"^(\d{4})\s*[-_ ]?\s*Q([1-4])$|^Q([1-4])\s*[-_ ]?\s*(\d{4})$", re.I)
MONTH = re.compile(r"^(\d{4})\s*[-_M]\s*(\d{1,2})$|^(\d{1,2})[./](\d{4})$", re.I)
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_period(text: str) -> tuple[str, str] | None:
    """(canonical period, periodicity), or None when `text` is no period."""
    text = (text or "").strip()
    if match := YEAR.match(text):
        year = int(match.group(1))
        return (str(year), Periodicity.YEAR) if FIRST_YEAR <= year <= LAST_YEAR else None
    if match := QUARTER.match(text):
        year = int(match.group(1) or match.group(4))
        quarter = match.group(2) or match.group(3)
        if FIRST_YEAR <= year <= LAST_YEAR:
            return f"{year}-Q{quarter}", Periodicity.QUARTER
        return None
    if match := MONTH.match(text):
        year = int(match.group(1) or match.group(4))
        month = int(match.group(2) or match.group(3))
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return f"{year}-{month:02d}", Periodicity.MONTH
    return None


def is_period(text: str) -> bool:
    return parse_period(text) is not None


def expected_period(periodicity: str) -> str:
    expected: dict[str, str] = {
        Periodicity.YEAR: _("a year such as 2022 (the indicator is annual)"),
        Periodicity.QUARTER: _("a quarter such as 2022-Q1 (the indicator is quarterly)"),
        Periodicity.MONTH: _("a month such as 2022-03 (the indicator is monthly)"),
    }
    return expected.get(periodicity, _("a period such as 2022, 2022-Q1 or 2022-03"))


def check_period(text: str, periodicity: str | None) -> tuple[str | None, str]:
    """(canonical period, "") when `text` is a period of the indicator's periodicity that
    has begun, else (None, what was expected). Annual indicators also take quarterly and
    monthly figures? No: a value belongs to the periodicity its indicator declares. A
    year to come is refused: observations are counted, not planned, and one stray future
    year would become every page's "latest"."""
    parsed = parse_period(text)
    if parsed is None or (periodicity and parsed[1] != periodicity):
        return None, expected_period(periodicity or "")
    this_year = timezone.localdate().year
    if int(parsed[0][:4]) > this_year:
        return None, _("a period that has begun: %(year)s or earlier") % {"year": this_year}
    return parsed[0], ""
