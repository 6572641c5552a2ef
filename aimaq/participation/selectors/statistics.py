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

The figures are read from what the services store when attendance is recorded
(`models.tallies`): one tally per meeting (sums by sex, youth, vulnerable group) and one reach
row per person and group — an oblast's figures sum its meetings' tallies and count distinct
people over its reach rows, never scanning the attendance rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncQuarter

from aimaq.core.permissions import allowed_rows
from aimaq.territories.kato import kato_prefix, kato_range

from ..choices import MeetingStatus
from ..models import Meeting, Reach
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


def _reach(meetings: QuerySet[Meeting]) -> QuerySet[Reach]:
    """The stored reach rows of the groups whose meetings are among `meetings` (which carry
    the scope): visibility is decided per process, group and publication state, the grain of
    these rows, so the semi-join walks the reach index of each visible group."""
    same_group = meetings.annotate(key=Coalesce("body_id", 0)).filter(
        process_id=OuterRef("process_id"),
        is_published=OuterRef("is_published"),
        key=OuterRef("body_key"),
    )
    return Reach.objects.filter(Exists(same_group))


def _people(meetings: QuerySet[Meeting]) -> dict[str, int]:
    """Distinct people reached (a person in several groups counts once), and how many of
    them came as women, youth, members of a vulnerable group."""
    found = _reach(meetings).aggregate(
        n=Count("participant_id", distinct=True),
        women=Count("participant_id", distinct=True, filter=Q(female=True)),
        young=Count("participant_id", distinct=True, filter=Q(youth=True)),
        groups=Count("participant_id", distinct=True, filter=Q(vulnerable=True)),
    )
    return {key: value or 0 for key, value in found.items()}


def _sum(name: str) -> Coalesce:
    return Coalesce(Sum(name), 0)


TALLY_SUMS = {
    field: _sum(f"tally__{field}")
    for field in (
        "named",
        "named_women",
        "named_youth",
        "named_vulnerable",
        "counted",
        "counted_women",
        "counted_youth",
        "counted_vulnerable",
    )
}


def participation_figures(user: Any, scope: Scope, *, trend: bool = True) -> Figures:
    """The figures of `scope` over the held meetings `user` may see, read from the stored
    tallies and reach (`services.tallies` keeps them): two queries whatever the scope."""
    meetings = _meetings(user, scope)
    grouped = (
        meetings.annotate(q=TruncQuarter("held_on"))
        .values("q")
        .annotate(n_meetings=Count("pk"), **TALLY_SUMS)
        .order_by("q")
    )
    quarters: list[dict[str, Any]] = [dict(row) for row in grouped]
    total = {key: sum(row[key] for row in quarters) for key in ("n_meetings", *TALLY_SUMS)}
    people = _people(meetings)
    figures = Figures(
        meetings=total["n_meetings"],
        people=people["n"],
        women=people["women"],
        youth=people["young"],
        vulnerable=people["groups"],
        named_attendances=total["named"],
        counted_attendances=total["counted"],
        attendances_women=total["named_women"] + total["counted_women"],
        attendances_youth=total["named_youth"] + total["counted_youth"],
        attendances_vulnerable=total["named_vulnerable"] + total["counted_vulnerable"],
    )
    if trend:
        figures.trend = [_point(row) for row in quarters]
    return figures


def _point(row: dict[str, Any]) -> TrendPoint:
    """A quarter: meetings held, attendances, the shares of women and youth in them."""
    rows = row["named"] + row["counted"]
    women = row["named_women"] + row["counted_women"]
    youth = row["named_youth"] + row["counted_youth"]
    period = row["q"].date() if hasattr(row["q"], "date") else row["q"]
    return TrendPoint(
        period=period,
        meetings=row["n_meetings"],
        attendances=rows,
        women_share=women / rows if rows else None,
        youth_share=youth / rows if rows else None,
    )


def public_figure(value: int, *, public: bool) -> int | None:
    """A count as the public may have it in data: None for a small group."""
    return None if public and 0 < value < SMALL_CELL else value


def public_figures(values: Sequence[int], *, public: bool) -> list[int | None]:
    """The parts of a published total as the public may have them: a small one hidden
    (None) and, when only one is hidden, the next smallest too — else the total minus the
    others would give it away."""
    shown = [public_figure(value, public=public) for value in values]
    hidden = [n for n, figure in enumerate(shown) if figure is None]
    others = [n for n, figure in enumerate(shown) if figure]
    if len(hidden) == 1 and others:
        shown[min(others, key=lambda n: values[n])] = None
    return shown


def shown_counts(values: Sequence[int], *, public: bool) -> list[str]:
    """`public_figures` as text: "<5" for a small group, "…" for a part hidden with it."""
    return [
        str(value) if figure is not None else f"<{SMALL_CELL}" if value < SMALL_CELL else "…"
        for value, figure in zip(values, public_figures(values, public=public), strict=True)
    ]


def shown_count(value: int, *, public: bool) -> str:
    """A count as the public may read it: small groups hidden."""
    if public_figure(value, public=public) is None:
        return f"<{SMALL_CELL}"
    return str(value)
