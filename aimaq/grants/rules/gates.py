"""The automatic gates — formal check and eligibility — as functions of the call's rules and
the application's facts as at its submission. Boundaries are inclusive and exact: a share
is compared as a fraction, never after rounding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from aimaq.accounts.identifiers import is_valid_iin_bin

from .reasons import Reason

HUNDRED = Decimal(100)
IDENTIFIER_OF = {"ie": "iin", "potential": "iin", "small_business": "bin", "legal_entity": "bin"}


@dataclass(frozen=True)
class CallRules:
    """What the call says, as the gates need it."""

    fund: int
    min_budget: int
    max_budget: int
    own_share_min: Decimal
    own_share_max: Decimal
    applicant_types: frozenset[str]
    eligible_prefixes: tuple[str, ...]  # KATO subtree prefixes of the eligible territories
    opens_at: datetime
    closes_at: datetime
    required_documents: int = 0
    applications_per_applicant: int = 1


@dataclass(frozen=True)
class ApplicationFacts:
    """The application as submitted."""

    applicant_type: str
    iin: str
    bin: str
    territory_kato: str
    territory_names: dict[str, str]
    total_cost: int
    requested: int
    own_contribution: int
    budget_lines: int
    submitted_at: datetime | None
    documents: int
    texts: dict[str, str] = field(default_factory=dict)  # field name → value
    earlier_applications: int = 0  # this applicant's earlier applications in the call


@dataclass(frozen=True)
class GateOutcome:
    passed: bool
    reasons: tuple[Reason, ...]

    @classmethod
    def of(cls, problems: list[Reason]) -> GateOutcome:
        return cls(not problems, tuple(problems) or (Reason("ok"),))

    def as_list(self) -> list[dict]:
        return [reason.as_dict() for reason in self.reasons]


def formal(rules: CallRules, facts: ApplicationFacts) -> GateOutcome:
    """On time, complete, within the call's scope, and not one application too many."""
    problems: list[Reason] = []
    moment = facts.submitted_at
    if moment is not None and moment > rules.closes_at:
        problems.append(Reason("late", {"submitted": moment, "closes": rules.closes_at}))
    if moment is not None and moment < rules.opens_at:
        problems.append(Reason("early", {"submitted": moment, "opens": rules.opens_at}))
    for name, value in facts.texts.items():
        if not value.strip():
            problems.append(Reason("missing_field", {"field": f"label:field:{name}"}))
    if facts.budget_lines == 0:
        problems.append(Reason("no_budget"))
    if facts.documents < rules.required_documents:
        problems.append(
            Reason("documents", {"given": facts.documents, "required": rules.required_documents})
        )
    if not any(facts.territory_kato.startswith(prefix) for prefix in rules.eligible_prefixes):
        problems.append(Reason("territory", {"territory": facts.territory_names}))
    if facts.applicant_type not in rules.applicant_types:
        problems.append(Reason("applicant_type", {"type": f"label:type:{facts.applicant_type}"}))
    if facts.earlier_applications >= rules.applications_per_applicant:
        problems.append(
            Reason(
                "repeat",
                {"count": facts.earlier_applications, "limit": rules.applications_per_applicant},
            )
        )
    return GateOutcome.of(problems)


def share_within(own: int, total: int, low: Decimal, high: Decimal) -> bool:
    """low ≤ own / total × 100 ≤ high, exactly (both ends included)."""
    if total <= 0:
        return False
    scaled = Decimal(own) * HUNDRED
    return low * total <= scaled <= high * total


def shown_share(own: int, total: int, low: Decimal, high: Decimal) -> Decimal:
    """The share with two decimals, rounded away from the allowed range, so that a share
    refused for being above 20 % never reads "20.00 %"."""
    share = Decimal(own) * HUNDRED / Decimal(total)
    rounding = ROUND_UP if share > high else ROUND_DOWN
    return share.quantize(Decimal("0.01"), rounding=rounding)


def eligibility(rules: CallRules, facts: ApplicationFacts) -> GateOutcome:
    """The applicant is identified by a valid IIN or BIN of the right kind; the budget and
    the own contribution lie within the call's ranges (both ends included)."""
    problems: list[Reason] = []
    kind = IDENTIFIER_OF.get(facts.applicant_type, "iin")
    number = facts.iin if kind == "iin" else facts.bin
    if not number:
        problems.append(
            Reason(
                "identifier_kind",
                {"type": f"label:type:{facts.applicant_type}", "expected": f"label:id:{kind}"},
            )
        )
    elif not is_valid_iin_bin(number) or (kind == "bin" and number[4] not in "456"):
        problems.append(Reason("identifier_invalid", {"kind": f"label:id:{kind}"}))
    if not rules.min_budget <= facts.total_cost <= rules.max_budget:
        problems.append(
            Reason(
                "budget",
                {"total": facts.total_cost, "min": rules.min_budget, "max": rules.max_budget},
            )
        )
    low, high = rules.own_share_min, rules.own_share_max
    if facts.total_cost > 0 and not share_within(
        facts.own_contribution, facts.total_cost, low, high
    ):
        share = shown_share(facts.own_contribution, facts.total_cost, low, high)
        problems.append(Reason("own_share", {"share": share, "min": low, "max": high}))
    if facts.requested <= 0:
        problems.append(Reason("requested_zero"))
    elif facts.requested > rules.fund:
        problems.append(Reason("requested_fund", {"requested": facts.requested}))
    return GateOutcome.of(problems)
