"""What the public sees: published calls, and published results — the applicant's name and
business, the territory and the amount, never an IIN, an address or a phone."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from aimaq.core.permissions import allowed_rows
from aimaq.territories.selectors import with_territories

from ..models import COMPLIANT, FUNDED, Competition, DecisionLine, Outcome
from ..permissions import VIEW
from ..services.decision import latest_decision


def competitions_for(user: Any) -> QuerySet[Competition]:
    return allowed_rows(user, VIEW, with_territories(Competition.objects.all(), "territory"))


@dataclass(frozen=True)
class PublicLine:
    """One application as the published results show it (no personal data)."""

    case_number: str
    applicant_name: str
    business_name: str
    territory: str
    territory_kato: str
    sector: str
    requested: int
    amount: int
    score: Decimal | None
    rank: int | None
    outcome: str
    outcome_label: str


@dataclass(frozen=True)
class PublicResults:
    competition: Competition
    version: int
    compliant: list[PublicLine]
    selected: list[PublicLine]
    reserve: list[PublicLine]

    @property
    def awarded(self) -> int:
        return sum(line.amount for line in self.selected)

    @property
    def remainder(self) -> int:
        return self.competition.fund - self.awarded


def _public(line: DecisionLine) -> PublicLine:
    application = line.application
    return PublicLine(
        case_number=application.case_number,
        applicant_name=application.applicant_name,
        business_name=application.business_name,
        territory=application.territory.name,
        territory_kato=application.territory.kato,
        sector=str(application.get_sector_display()),
        requested=application.requested,
        amount=line.amount,
        score=line.score,
        rank=line.rank,
        outcome=line.outcome,
        outcome_label=str(Outcome(line.outcome).label),
    )


def published_results(competition: Competition) -> PublicResults | None:
    """The lists of the latest signed decision, once results are published (None before)."""
    if not competition.results_are_public:
        return None
    decision = latest_decision(competition, signed=True)
    if decision is None:
        return None
    lines = [
        _public(line)
        for line in with_territories(decision.lines.all(), "application__territory").order_by(
            "rank", "application__case_number"
        )
    ]
    return PublicResults(
        competition=competition,
        version=decision.version,
        compliant=[line for line in lines if line.outcome in COMPLIANT],
        selected=[line for line in lines if line.outcome in FUNDED],
        reserve=[line for line in lines if line.outcome == Outcome.RESERVE],
    )
