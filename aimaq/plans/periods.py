"""Periods of targets and reports, written as the evidence base writes them (SDMX):
"2019" a year, "2019-S1" a half-year, "2019-Q3" a quarter; "LOP" the life of the plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .models.choices import Frequency, ReportPeriodKind

PATTERN = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<kind>[SQ])(?P<part>[1-4]))?$")
PARTS = {"": 1, "S": 2, "Q": 4}
FREQUENCY_PARTS = {
    Frequency.ANNUAL: "",
    Frequency.SEMI_ANNUAL: "S",
    Frequency.QUARTERLY: "Q",
}
REPORT_KIND_PARTS = {
    ReportPeriodKind.YEAR: "",
    ReportPeriodKind.HALF_YEAR: "S",
    ReportPeriodKind.QUARTER: "Q",
}


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period: a year, or part `part` of `parts` equal parts of it."""

    year: int
    parts: int = 1
    part: int = 1

    @classmethod
    def parse(cls, code: str) -> Period:
        """The period a code names; ValueError with the expected form otherwise."""
        match = PATTERN.match((code or "").strip())
        if not match:
            raise ValueError(_("a period such as 2019, 2019-S1 or 2019-Q3"))
        kind = match["kind"] or ""
        part = int(match["part"] or 1)
        parts = PARTS[kind]
        if part > parts:
            raise ValueError(_("a period such as 2019, 2019-S1 or 2019-Q3"))
        return cls(int(match["year"]), parts, part)

    @property
    def code(self) -> str:
        if self.parts == 1:
            return str(self.year)
        letter = "S" if self.parts == 2 else "Q"
        return f"{self.year}-{letter}{self.part}"

    @property
    def start(self) -> date:
        month = 1 + (self.part - 1) * 12 // self.parts
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        """The last day of the period."""
        last_month = self.part * 12 // self.parts
        if last_month == 12:
            return date(self.year, 12, 31)
        return date(self.year, last_month + 1, 1) - timedelta(days=1)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def label(self) -> str:
        if self.parts == 1:
            return str(self.year)
        if self.parts == 2:
            return _("%(part)s half of %(year)s") % {
                "part": _("1st") if self.part == 1 else _("2nd"),
                "year": self.year,
            }
        return _("Q%(part)s %(year)s") % {"part": self.part, "year": self.year}

    def __str__(self) -> str:
        return self.code


def periods_of(years: list[int], frequency: str) -> list[Period]:
    """The target periods of a frequency over the plan's years (none for life of plan)."""
    if frequency == Frequency.LIFE_OF_PLAN:
        return []
    parts = PARTS[FREQUENCY_PARTS[Frequency(frequency)]]
    return [Period(year, parts, part) for year in years for part in range(1, parts + 1)]


def report_periods(years: list[int], kind: str) -> list[Period]:
    parts = PARTS[REPORT_KIND_PARTS[ReportPeriodKind(kind)]]
    return [Period(year, parts, part) for year in years for part in range(1, parts + 1)]


def period_kind(period: Period) -> str:
    return {1: ReportPeriodKind.YEAR, 2: ReportPeriodKind.HALF_YEAR, 4: ReportPeriodKind.QUARTER}[
        period.parts
    ]


def completed(period: Period, on: date) -> bool:
    """A period counts once it is over."""
    return period.end < on


def elapsed_fraction(first_year: int, last_year: int, until: date) -> float:
    """How far through the plan's years `until` (the end of a day) lies, from 0 to 1."""
    start = date(first_year, 1, 1).toordinal()
    end = date(last_year, 12, 31).toordinal() + 1
    point = min(max(until.toordinal() + 1, start), end)
    return (point - start) / (end - start)
