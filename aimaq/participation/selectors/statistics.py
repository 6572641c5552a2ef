"""Participation statistics — the figures donor projects report ("90 meetings, more than 300
people, 40 % women") — per process, territory (and everything below it), oblast or donor
project.

- Meetings held: meetings with the status "held".
- People reached: distinct people on named lists; a person at five meetings counts once.
- Attendances: every named presence, plus the people counted on paper sheets of open
  meetings (those cannot be told apart, so they are reported beside, never added to the
  distinct people).
- Shares of women, youth (under 35) and vulnerable groups: among the people reached, and
  among all attendances; with the trend by quarter.

Each figure is one aggregate query over the attendance rows, which carry the meeting's
KATO code and date, so an oblast's figures are an index range scan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncQuarter

from aimaq.core.permissions import allowed_rows
from aimaq.territories.kato import kato_prefix, kato_range

from ..choices import ANY_VULNERABLE, YOUTH_AGE_GROUPS, MeetingStatus, Sex
from ..models import Attendance, AttendanceCount, GroupCount, Meeting
from ..permissions import VIEW

# Public figures below this many people are shown as "fewer than 5" (small groups could name
# someone).
SMALL_CELL = 5


@dataclass(frozen=True)
class TrendPoint:
    period: date
    meetings: int
    attendances: int
    women_share: float | None
    youth_share: float | None

    @property
    def quarter(self) -> int:
        return (self.period.month - 1) // 3 + 1


@dataclass
class Figures:
    meetings: int = 0
    people: int = 0
    women: int = 0
    youth: int = 0
    vulnerable: int = 0
    named_attendances: int = 0
    counted_attendances: int = 0
    attendances_women: int = 0
    attendances_youth: int = 0
    attendances_vulnerable: int = 0
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def attendances(self) -> int:
        return self.named_attendances + self.counted_attendances

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def women_share(self) -> float | None:
        return self._share(self.women, self.people)

    @property
    def youth_share(self) -> float | None:
        return self._share(self.youth, self.people)

    @property
    def vulnerable_share(self) -> float | None:
        return self._share(self.vulnerable, self.people)

    @property
    def attendance_women_share(self) -> float | None:
        return self._share(self.attendances_women, self.attendances)

    @property
    def attendance_youth_share(self) -> float | None:
        return self._share(self.attendances_youth, self.attendances)

    @property
    def attendance_vulnerable_share(self) -> float | None:
        return self._share(self.attendances_vulnerable, self.attendances)


@dataclass(frozen=True)
class Scope:
    """What the figures cover: a KATO subtree, a process, a donor project (any combination),
    among the meetings the viewer may see."""

    kato: str | None = None
    process_id: int | None = None
    donor_project_id: int | None = None


def _meetings(user: Any, scope: Scope) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(status=MeetingStatus.HELD)
    if scope.kato is not None:
        low, high = kato_range(kato_prefix(scope.kato))
        meetings = meetings.filter(
            process__territory__kato__gte=low, process__territory__kato__lte=high
        )
    if scope.process_id is not None:
        meetings = meetings.filter(process_id=scope.process_id)
    if scope.donor_project_id is not None:
        meetings = meetings.filter(process__donor_project_id=scope.donor_project_id)
    return allowed_rows(user, VIEW, meetings)


def _rows(model: Any, meetings: QuerySet[Meeting], scope: Scope) -> QuerySet:
    rows = model.objects.all()
    if scope.kato is not None:
        low, high = kato_range(kato_prefix(scope.kato))
        rows = rows.filter(kato__gte=low, kato__lte=high)
    return rows.filter(meeting__in=meetings.values("pk"))


def participation_figures(user: Any, scope: Scope, *, trend: bool = True) -> Figures:
    """The figures of `scope` over the held meetings `user` may see."""
    meetings = _meetings(user, scope)
    figures = Figures(meetings=meetings.count())
    named = _rows(Attendance, meetings, scope)
    youth = Q(youth=True)
    totals = named.aggregate(
        n_rows=Count("pk"),
        n_people=Count("participant", distinct=True),
        n_women=Count("participant", distinct=True, filter=Q(sex=Sex.FEMALE)),
        n_youth=Count("participant", distinct=True, filter=youth),
        n_vulnerable=Count("participant", distinct=True, filter=Q(vulnerable=True)),
        rows_women=Count("pk", filter=Q(sex=Sex.FEMALE)),
        rows_youth=Count("pk", filter=youth),
        rows_vulnerable=Count("pk", filter=Q(vulnerable=True)),
    )
    counted = _rows(AttendanceCount, meetings, scope).aggregate(
        n_total=Sum("count"),
        n_women=Sum("count", filter=Q(sex=Sex.FEMALE)),
        n_youth=Sum("count", filter=Q(age_group__in=YOUTH_AGE_GROUPS)),
    )
    groups = _rows(GroupCount, meetings, scope).aggregate(
        n_any=Sum("count", filter=Q(group=ANY_VULNERABLE))
    )
    figures.people = totals["n_people"]
    figures.women = totals["n_women"]
    figures.youth = totals["n_youth"]
    figures.vulnerable = totals["n_vulnerable"]
    figures.named_attendances = totals["n_rows"]
    figures.counted_attendances = counted["n_total"] or 0
    figures.attendances_women = totals["rows_women"] + (counted["n_women"] or 0)
    figures.attendances_youth = totals["rows_youth"] + (counted["n_youth"] or 0)
    figures.attendances_vulnerable = totals["rows_vulnerable"] + (groups["n_any"] or 0)
    if trend:
        figures.trend = _trend(meetings, named, _rows(AttendanceCount, meetings, scope))
    return figures


def _trend(meetings: QuerySet, named: QuerySet, counted: QuerySet) -> list[TrendPoint]:
    """Per quarter: meetings held, attendances, the shares of women and youth in them."""
    per: dict[date, dict[str, int]] = {}

    def slot(day: Any) -> dict[str, int]:
        key = day.date() if hasattr(day, "date") else day
        return per.setdefault(key, {"meetings": 0, "rows": 0, "women": 0, "youth": 0})

    for row in meetings.annotate(q=TruncQuarter("held_on")).values("q").annotate(n=Count("pk")):
        slot(row["q"])["meetings"] += row["n"]
    for row in (
        named.annotate(q=TruncQuarter("held_on"))
        .values("q")
        .annotate(
            n=Count("pk"),
            w=Count("pk", filter=Q(sex=Sex.FEMALE)),
            y=Count("pk", filter=Q(youth=True)),
        )
    ):
        point = slot(row["q"])
        point["rows"] += row["n"]
        point["women"] += row["w"]
        point["youth"] += row["y"]
    for row in (
        counted.annotate(q=TruncQuarter("held_on"))
        .values("q")
        .annotate(
            n=Sum("count"),
            w=Sum("count", filter=Q(sex=Sex.FEMALE)),
            y=Sum("count", filter=Q(age_group__in=YOUTH_AGE_GROUPS)),
        )
    ):
        point = slot(row["q"])
        point["rows"] += row["n"] or 0
        point["women"] += row["w"] or 0
        point["youth"] += row["y"] or 0
    return [
        TrendPoint(
            period=period,
            meetings=v["meetings"],
            attendances=v["rows"],
            women_share=v["women"] / v["rows"] if v["rows"] else None,
            youth_share=v["youth"] / v["rows"] if v["rows"] else None,
        )
        for period, v in sorted(per.items())
    ]


def shown_count(value: int, *, public: bool) -> str:
    """A count as the public may read it: small groups hidden."""
    if public and 0 < value < SMALL_CELL:
        return f"<{SMALL_CELL}"
    return str(value)
