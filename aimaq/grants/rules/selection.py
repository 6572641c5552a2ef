"""Ranking and selection within the fund.

Ranking: by score, highest first; equal scores by the call's tie-breaking criteria (higher
mean first, in their published order), then the smaller request, then the earlier
submission, then the case number — every step published on the call's page.

Selection walks the ranking and funds each application that fits. What "fits" means is one
set of constraints, shared with the exact best use (`bestuse.py`), so the best use can
only match or beat the ranking:
- the fund: the grants add up to at most the fund;
- caps: the grants to a quota's territory add up to at most its cap, and are at most its
  number of awards;
- reserves: money reserved for a quota (a territory or a priority group) is spent on no one
  else — for every set S of reserved quotas, the grants to applications in none of them add
  up to at most the fund less S's reserves.

When the next application does not fit, the call's rule decides: `stop` ends the selection
there; `skip` goes on to the next that fits; `reduce` offers it the room left for it when
that is at least the call's floor share of its request, then goes on as `skip` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from itertools import combinations

STOP, SKIP, REDUCE = "stop", "skip", "reduce"
HUNDRED = Decimal(100)
MAX_RESERVES = 8  # 2**8 - 1 reserve constraints at most


@dataclass(frozen=True)
class Pool:
    """A quota: a territory's or a priority group's share of the fund."""

    key: str
    reserved: int | None = None
    cap: int | None = None
    max_awards: int | None = None


@dataclass(frozen=True)
class Candidate:
    """A fundable application: it passed every gate and reached the minimum score."""

    key: int
    score: Decimal
    amount: int  # requested from the fund
    pools: frozenset[str] = frozenset()
    tie: tuple[Decimal, ...] = ()  # tie-breaking criteria's means, in their order
    submitted: str = ""  # ISO time of submission
    case: str = ""


@dataclass(frozen=True)
class SelectionRules:
    fund: int
    rule: str = SKIP
    reduced_floor: Decimal = Decimal(80)
    pools: tuple[Pool, ...] = ()

    def __post_init__(self) -> None:
        if self.rule not in (STOP, SKIP, REDUCE):
            raise ValueError(f"unknown remainder rule {self.rule!r}")
        reserved = [p for p in self.pools if p.reserved]
        if len(reserved) > MAX_RESERVES:
            raise ValueError(f"at most {MAX_RESERVES} quotas may reserve money")
        if sum(p.reserved or 0 for p in reserved) > self.fund:
            raise ValueError("the reserves add up to more than the fund")

    def reduced_minimum(self, amount: int) -> int:
        """The smallest reduced grant an application of `amount` may be offered."""
        return int((Decimal(amount) * self.reduced_floor / HUNDRED).to_integral(ROUND_CEILING))


def rank_key(candidate: Candidate) -> tuple:
    return (
        -candidate.score,
        *(-value for value in candidate.tie),
        candidate.amount,
        candidate.submitted,
        candidate.case,
    )


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Highest score first, ties broken as the module says."""
    return sorted(candidates, key=rank_key)


@dataclass(frozen=True)
class Constraint:
    """Σ over members of (grant, or 1 per award when `counts`) ≤ limit. `inside` says
    whether the members are the applications in the pools (caps) or in none of them
    (reserves)."""

    pools: frozenset[str]
    inside: bool
    limit: int
    counts: bool = False

    def covers(self, candidate: Candidate) -> bool:
        touches = bool(candidate.pools & self.pools)
        return touches if self.inside else not touches


def constraints(rules: SelectionRules) -> list[Constraint]:
    """The fund, the caps and the reserves as linear constraints (the fund first)."""
    found = [Constraint(frozenset(), inside=False, limit=rules.fund)]
    for pool in rules.pools:
        if pool.cap is not None:
            found.append(Constraint(frozenset({pool.key}), True, pool.cap))
        if pool.max_awards is not None:
            found.append(Constraint(frozenset({pool.key}), True, pool.max_awards, counts=True))
    reserved = [p for p in rules.pools if p.reserved]
    for size in range(1, len(reserved) + 1):
        for chosen in combinations(reserved, size):
            limit = rules.fund - sum(p.reserved or 0 for p in chosen)
            found.append(Constraint(frozenset(p.key for p in chosen), False, limit))
    return found


@dataclass
class Line:
    candidate: Candidate
    outcome: str  # "selected", "reduced", "reserve"
    amount: int = 0


@dataclass
class Selection:
    lines: list[Line]
    fund: int
    stopped_at: int | None = None  # key of the application where `stop` ended it
    notes: list[str] = field(default_factory=list)

    @property
    def funded(self) -> list[Line]:
        return [line for line in self.lines if line.outcome in ("selected", "reduced")]

    @property
    def reserve(self) -> list[Line]:
        return [line for line in self.lines if line.outcome == "reserve"]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.funded)

    @property
    def remainder(self) -> int:
        return self.fund - self.total

    @property
    def total_score(self) -> Decimal:
        return sum((line.candidate.score for line in self.funded), Decimal(0))


def select(
    candidates: Sequence[Candidate],
    rules: SelectionRules,
    *,
    fixed: dict[int, int] | None = None,
) -> Selection:
    """Fund the candidates in rank order under the call's rule (see the module).

    `fixed` (key → amount) holds grants already awarded, which stay as they are: the reserve
    list moves up into the money left, in rank order, without taking anyone's award."""
    rows = constraints(rules)
    used = [0] * len(rows)
    lines: list[Line] = []
    stopped: int | None = None
    fixed = fixed or {}
    order = ranked(candidates)
    for candidate in order:
        if candidate.key in fixed:
            amount = fixed[candidate.key]
            for i, row in enumerate(rows):
                if row.covers(candidate):
                    used[i] += 1 if row.counts else amount
    for candidate in order:
        if candidate.key in fixed:
            amount = fixed[candidate.key]
            outcome = "selected" if amount >= candidate.amount else "reduced"
            lines.append(Line(candidate, outcome, amount))
            continue
        if stopped is not None:
            lines.append(Line(candidate, "reserve"))
            continue
        covering = [i for i, row in enumerate(rows) if row.covers(candidate)]
        room = min(
            (rows[i].limit - used[i] for i in covering if not rows[i].counts),
            default=candidate.amount,
        )
        awards_left = all(used[i] < rows[i].limit for i in covering if rows[i].counts)
        amount = 0
        if awards_left and room >= candidate.amount:
            amount, outcome = candidate.amount, "selected"
        elif (
            rules.rule == REDUCE
            and awards_left
            and room > 0
            and room >= rules.reduced_minimum(candidate.amount)
        ):
            amount, outcome = room, "reduced"
        else:
            outcome = "reserve"
            if rules.rule == STOP:
                stopped = candidate.key
        if amount:
            for i in covering:
                used[i] += 1 if rows[i].counts else amount
        lines.append(Line(candidate, outcome, amount))
    return Selection(lines, rules.fund, stopped)
