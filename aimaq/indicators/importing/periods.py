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


def check_period(text: str, periodicity: str | None) -> tuple[str | None, str, bool]:
    """(canonical period, "", future) when `text` is a period of the indicator's
    periodicity, else (None, what was expected, False). A value belongs to the periodicity
    its indicator declares. `future`: the period has not begun — only a projection may have
    one (checked with the value's status), since one stray future year of a reported figure
    would become every page's "latest"."""
    parsed = parse_period(text)
    if parsed is None or (periodicity and parsed[1] != periodicity):
        return None, expected_period(periodicity or ""), False
    return parsed[0], "", int(parsed[0][:4]) > timezone.localdate().year


def not_begun_message() -> str:
    return _(
        "a period that has begun: %(year)s or earlier (a value for a period to come is a "
        "projection: give it the status “projection”)"
    ) % {"year": timezone.localdate().year}


class PeriodFilter:
    """Which periods an import takes: "2000-2023", "2010, 2015-2020", "2000-" or "-2023"
    (years, both ends included). Empty: all."""

    def __init__(self, text: str = "") -> None:
        self.text = (text or "").strip()
        self.ranges: list[tuple[int, int]] = []
        for part in (p.strip() for p in re.split(r"[,;]", self.text)):
            if not part:
                continue
            match = re.fullmatch(r"(\d{4})?\s*(-|–|—|\.\.)?\s*(\d{4})?", part)
            if not match or not (match[1] or match[3]) or (not match[2] and match[1] and match[3]):
                raise ValueError(
                    _(
                        "Periods are years or ranges of years, such as 2000-2023 or 2010, 2015-2020; got “%(part)s”."
                    )
                    % {"part": part}
                )
            first = int(match[1]) if match[1] else FIRST_YEAR
            last = int(match[3]) if match[3] else (first if not match[2] else LAST_YEAR)
            if first > last:
                raise ValueError(
                    _("A range of years runs from the earlier to the later; got “%(part)s”.")
                    % {"part": part}
                )
            self.ranges.append((first, last))

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def keeps(self, canonical: str) -> bool:
        if not self.ranges:
            return True
        year = int(canonical[:4])
        return any(first <= year <= last for first, last in self.ranges)
