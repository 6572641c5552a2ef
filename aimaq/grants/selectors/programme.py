"""The results of an organiser's programme (a donor project or an akimat): over its
competitions with published results, the businesses funded, the money, the jobs planned
and created (each award's latest report) and how the businesses are doing. Public figures
only: counts and sums, never a person."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aimaq.accounts.models import Organisation

from ..models import ACTIVE_AWARDS, Award, BusinessStatus, Competition, MonitoringReport
from .public import competitions_for


@dataclass
class ProgrammeRow:
    competition: Competition
    awards: int = 0
    amount: int = 0
    jobs_planned: int = 0
    jobs_created: int = 0
    reported: int = 0  # awards with at least one report
    statuses: Counter[str] = field(default_factory=Counter)


@dataclass
class Programme:
    organiser: Organisation
    rows: list[ProgrammeRow]

    def _sum(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def awards(self) -> int:
        return self._sum("awards")

    @property
    def amount(self) -> int:
        return self._sum("amount")

    @property
    def jobs_planned(self) -> int:
        return self._sum("jobs_planned")

    @property
    def jobs_created(self) -> int:
        return self._sum("jobs_created")

    @property
    def reported(self) -> int:
        return self._sum("reported")

    @property
    def statuses(self) -> list[tuple[str, int]]:
        """(label, count) for every business status, in the statuses' order."""
        total: Counter[str] = Counter()
        for row in self.rows:
            total.update(row.statuses)
        return [(str(label), total[code]) for code, label in BusinessStatus.choices]


def programme_results(organiser: Organisation, user: Any) -> Programme:
    """The organiser's competitions that `user` may see and whose results are published,
    oldest first, with their awards still standing (declined and revoked ones left out)."""
    competitions = list(
        competitions_for(user)
        .filter(organiser=organiser, results_published_at__isnull=False)
        .order_by("announced_on", "pk")
    )
    rows = {c.pk: ProgrammeRow(c) for c in competitions}
    awards = list(
        Award.objects.filter(
            application__competition__in=competitions, status__in=ACTIVE_AWARDS
        ).select_related("application")
    )
    latest: dict[int, int] = {}
    reports = MonitoringReport.objects.filter(award__in=awards).order_by("period_end", "pk")
    for award_id, jobs in reports.values_list("award_id", "jobs_created"):
        latest[award_id] = jobs  # the last one wins: the latest report
    for award in awards:
        row = rows[award.application.competition_id]
        row.awards += 1
        row.amount += award.amount
        row.jobs_planned += award.application.jobs_planned
        row.jobs_created += latest.get(award.pk, 0)
        row.reported += award.pk in latest
        row.statuses[award.business_status] += 1
    return Programme(organiser, list(rows.values()))
