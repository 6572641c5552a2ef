"""The committee's table: every submitted application with its gate results and score,
ranked, selected within the fund under the call's rule, and the exact best use of the fund
beside it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from aimaq.core.permissions import allowed_rows
from aimaq.territories.kato import kato_prefix
from aimaq.territories.models import Territory
from aimaq.territories.selectors import light, with_territories

from ..models import (
    GATE_ORDER,
    Application,
    Competition,
    CriterionKind,
    Gate,
    GateResult,
    Outcome,
    Status,
)
from ..permissions import VIEW_APPLICATION
from ..rules.bestuse import BestUse, NotSolved, best_use
from ..rules.scoring import ApplicationScore
from ..rules.selection import Candidate, Pool, Selection, SelectionRules, select
from ..services.summaries import criterion_rules, scored_criteria, summary_scores

OUTCOME_OF_LINE = {
    "selected": Outcome.SELECTED,
    "reduced": Outcome.REDUCED,
    "reserve": Outcome.RESERVE,
}


def selection_rules(competition: Competition) -> SelectionRules:
    """The call's fund, remainder rule and quotas as the selection reads them."""
    pools = [
        Pool(f"t:{q.territory.kato}", q.reserved, q.cap, q.max_awards)
        for q in with_territories(competition.quotas.all(), "territory")
    ]
    pools += [
        Pool(f"p:{g.code}", g.reserved) for g in competition.priority_groups.all() if g.reserved
    ]
    return SelectionRules(
        fund=competition.fund,
        rule=competition.remainder_rule,
        reduced_floor=competition.reduced_floor,
        pools=tuple(pools),
    )


@dataclass
class Row:
    application: RankedApplication
    gates: dict[str, bool | None]  # gate → outcome (None: not judged yet)
    score: ApplicationScore | None
    outcome: str = ""
    amount: int = 0
    rank: int | None = None
    best_amount: int = 0

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label) if self.outcome in Outcome.values else ""

    @property
    def fundable(self) -> bool:
        return all(self.gates.get(g) is True for g in GATE_ORDER)

    @property
    def failed_gate(self) -> str | None:
        return next((g for g in GATE_ORDER if self.gates.get(g) is False), None)


@dataclass
class Ranking:
    competition: Competition
    rows: list[Row]
    selection: Selection
    best: BestUse | None
    best_error: str = ""
    hidden: int = 0  # rows the viewer may not see (a declared conflict of interest)
    criteria: list[Any] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # what the selection read

    @property
    def funded(self) -> list[Row]:
        return [r for r in self.rows if r.outcome in (Outcome.SELECTED, Outcome.REDUCED)]

    @property
    def reserve(self) -> list[Row]:
        return sorted(
            (r for r in self.rows if r.outcome == Outcome.RESERVE), key=lambda r: r.rank or 0
        )

    @property
    def left_on_table(self) -> Decimal | None:
        if self.best is None:
            return None
        return self.best.total_score - self.selection.total_score


def gate_outcomes(
    applications: Sequence[Application | RankedApplication],
    competition: Competition | None = None,
) -> dict[int, dict[str, bool | None]]:
    """Application id → gate → the result that counts (an override's when there is one),
    read as plain rows (all of `competition`'s when given: a join instead of a long list of
    ids)."""
    found: dict[int, dict[str, bool | None]] = {a.pk: {} for a in applications}
    if competition is not None:
        rows = GateResult.objects.filter(application__competition=competition)
    else:
        rows = GateResult.objects.filter(application__in=[a.pk for a in applications])
    for application_id, gate, passed, overridden, override_passed in rows.values_list(
        "application_id", "gate", "passed", "overridden", "override_passed"
    ):
        if application_id in found:
            found[application_id][gate] = override_passed if overridden else passed
    return found


def _group_codes(competition: Competition) -> dict[int, frozenset[str]]:
    """Application id → the codes of its priority groups, in one query."""
    through = Application.priority_groups.through
    found: dict[int, set[str]] = defaultdict(set)
    rows = through.objects.filter(application__competition=competition).values_list(
        "application_id", "prioritygroup__code"
    )
    for application_id, code in rows:
        found[application_id].add(code)
    return {key: frozenset(codes) for key, codes in found.items()}


class _PoolsOf:
    """The quotas an application counts in: its territory's and its priority groups'
    (remembered per territory and set of groups: a thousand applications share a few)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.known: dict[tuple[str, frozenset[str]], frozenset[str]] = {}

    def __call__(self, kato: str, groups: frozenset[str]) -> frozenset[str]:
        found = self.known.get((kato, groups))
        if found is None:
            found = self.known[(kato, groups)] = frozenset(
                key
                for key in self.keys
                if (key.startswith("t:") and kato.startswith(kato_prefix(key[2:])))
                or (key.startswith("p:") and key[2:] in groups)
            )
        return found


@dataclass(frozen=True, slots=True)
class RankedApplication:
    """What the committee's table and the decision read of an application (not its texts,
    budget lines or personal data), read as plain values: a thousand model instances
    cost more than the rest of the ranking."""

    pk: int
    case_number: str
    status: str
    business_name: str
    territory_id: int
    territory: Territory
    requested: int
    submitted_at: datetime | None


def _applications(competition: Competition) -> list[RankedApplication]:
    """The applications past the draft with their territories (each territory read once
    and shared by its applications, without boundaries)."""
    rows = list(
        Application.objects.filter(competition=competition)
        .exclude(status=Status.DRAFT)
        .values_list(
            "pk",
            "case_number",
            "status",
            "business_name",
            "territory_id",
            "requested",
            "submitted_at",
        )  # fmt: skip
    )
    territories = light(Territory.objects.filter(pk__in={row[4] for row in rows})).in_bulk()
    return [
        RankedApplication(pk, case, status, business, place, territories[place], asked, at)
        for pk, case, status, business, place, asked, at in rows
    ]


def competition_rows(
    competition: Competition,
    *,
    fixed: dict[int, int] | None = None,
    excluded: set[int] | frozenset[int] = frozenset(),
    with_best_use: bool = True,
) -> Ranking:
    """Every application past the draft, with gates, scores, rank, outcome and (unless
    `with_best_use` is false) the best use; when the reserve list moves up, `fixed` keeps
    the awards already made and `excluded` leaves out the applications whose award was
    declined or revoked."""
    applications = _applications(competition)
    groups = _group_codes(competition)
    outcomes = gate_outcomes(applications, competition)
    criteria = scored_criteria(competition)
    scores, minimum = summary_scores(competition, criterion_rules(criteria))
    tie_order = sorted((c for c in criteria if c.tie_break), key=lambda c: c.tie_break or 0)
    has_minimum = competition.criteria.filter(kind=CriterionKind.PASS_FAIL).exists()
    rules = selection_rules(competition)
    pools_of = _PoolsOf([p.key for p in rules.pools])
    no_groups: frozenset[str] = frozenset()
    rows: list[Row] = []
    candidates: list[Candidate] = []
    for application in applications:
        gates = outcomes[application.pk]
        if gates.get(Gate.MINIMUM) is None:
            # Not judged as a gate: the summary's verdict (met when the call has none).
            gates[Gate.MINIMUM] = minimum.get(application.pk, None if has_minimum else True)
        score = scores.get(application.pk)
        if (
            gates.get(Gate.SCORING) is None
            and score is not None
            and score.sheets >= competition.quorum
        ):
            gates[Gate.SCORING] = score.total >= competition.min_total
        row = Row(application, gates, score)
        rows.append(row)
        if application.pk in excluded:
            continue
        if application.status == Status.WITHDRAWN:
            row.outcome = Outcome.WITHDRAWN
        elif row.failed_gate in (Gate.FORMAL, Gate.ELIGIBILITY, Gate.MINIMUM):
            row.outcome = Outcome.FAILED_GATE
        elif row.failed_gate == Gate.SCORING:
            row.outcome = Outcome.BELOW_THRESHOLD
        elif row.fundable and score is not None:
            pools = pools_of(application.territory.kato, groups.get(application.pk, no_groups))
            candidates.append(
                Candidate(
                    key=application.pk,
                    score=score.total,
                    amount=application.requested,
                    pools=pools,
                    tie=tuple(score.means.get(c.code, Decimal(0)) for c in tie_order),
                    submitted=application.submitted_at.isoformat()
                    if application.submitted_at
                    else "",
                    case=application.case_number,
                )
            )
    selection = select(candidates, rules, fixed=fixed)
    by_key = {row.application.pk: row for row in rows}
    for rank, line in enumerate(selection.lines, start=1):
        row = by_key[line.candidate.key]
        row.rank, row.amount = rank, line.amount
        row.outcome = OUTCOME_OF_LINE[line.outcome]
    best, error = None, ""
    try:
        best = best_use(candidates, rules) if with_best_use else None
        for key, amount in best.amounts.items() if best else ():
            by_key[key].best_amount = amount
    except NotSolved as problem:
        error = str(problem)
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.application.case_number))
    return Ranking(
        competition, rows, selection, best, error, criteria=criteria, candidates=candidates
    )


def visible_ranking(competition: Competition, user: Any, *, with_best_use: bool = False) -> Ranking:
    """The ranking as `user` may see it: the rows of applications they may not see (a
    declared conflict of interest) are left out and counted. The best use of the fund
    (a second or two with a thousand applications) only when asked for."""
    ranking = competition_rows(competition, with_best_use=with_best_use)
    visible = set(
        allowed_rows(
            user, VIEW_APPLICATION, Application.objects.filter(competition=competition)
        ).values_list("pk", flat=True)
    )
    kept = [row for row in ranking.rows if row.application.pk in visible]
    ranking.hidden = len(ranking.rows) - len(kept)
    ranking.rows = kept
    return ranking


@dataclass(frozen=True)
class Differences:
    """Where the best use of the fund and the ranking rule's selection part ways."""

    best_only: list[Row]  # funded by the best use, not by the ranking rule
    ranking_only: list[Row]  # funded by the ranking rule, not by the best use
    changed: list[Row]  # funded by both, with another amount


def differences(ranking: Ranking) -> Differences:
    """The rows (as the viewer sees them) on which the best use differs from the ranking
    rule's selection, in rank order."""
    best_only, ranking_only, changed = [], [], []
    for row in ranking.rows:
        if row.best_amount and not row.amount:
            best_only.append(row)
        elif row.amount and not row.best_amount and ranking.best is not None:
            ranking_only.append(row)
        elif row.amount and row.best_amount and row.amount != row.best_amount:
            changed.append(row)
    return Differences(best_only, ranking_only, changed)


def visible_applications(competition: Competition, user: Any) -> QuerySet[Application]:
    return with_territories(
        allowed_rows(user, VIEW_APPLICATION, Application.objects.filter(competition=competition)),
        "territory",
    )
