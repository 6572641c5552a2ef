"""Scoring: a member's weighted total, an application's score (the mean of its members'
totals plus priority bonuses), outlying scores, and the composition of the members who
decide on an application (quorum, no interest group above the allowed share)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .reasons import Reason

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CriterionRule:
    code: str
    weight: Decimal
    max_score: int
    tie_break: int | None = None


def sheet_total(scores: Mapping[str, Decimal], criteria: Iterable[CriterionRule]) -> Decimal:
    """Σ weight × score over the scored criteria, to the cent."""
    total = sum((rule.weight * scores[rule.code] for rule in criteria), Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ApplicationScore:
    total: Decimal  # mean of the sheets' totals + bonus, to the cent
    means: dict[str, Decimal]  # mean score per criterion, to the cent
    sheets: int
    bonus: Decimal


def application_score(
    sheets: Sequence[Mapping[str, Decimal]],
    criteria: Sequence[CriterionRule],
    bonus: Decimal = Decimal(0),
) -> ApplicationScore | None:
    """The mean over the submitted sheets (members with a conflict have none) of the
    weighted totals, plus the priority bonus; None without a sheet. The mean is taken of
    exact totals and rounded once, half up."""
    if not sheets:
        return None
    count = Decimal(len(sheets))
    exact = sum(
        (sum((r.weight * sheet[r.code] for r in criteria), Decimal(0)) for sheet in sheets),
        Decimal(0),
    )
    total = (exact / count + bonus).quantize(CENT, rounding=ROUND_HALF_UP)
    means = {
        r.code: (sum((sheet[r.code] for sheet in sheets), Decimal(0)) / count).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        for r in criteria
    }
    return ApplicationScore(total, means, len(sheets), bonus)


def score_from_sums(
    sums: Mapping[str, Decimal],
    count: int,
    criteria: Sequence[CriterionRule],
    bonus: Decimal = Decimal(0),
) -> ApplicationScore | None:
    """`application_score` from each criterion's sum over `count` complete sheets: the
    same exact arithmetic (Σ sheets Σ criteria w·v = Σ criteria w·Σ sheets v), rounded once."""
    if count <= 0:
        return None
    n = Decimal(count)
    exact = sum((r.weight * sums[r.code] for r in criteria), Decimal(0))
    total = (exact / n + bonus).quantize(CENT, rounding=ROUND_HALF_UP)
    means = {r.code: (sums[r.code] / n).quantize(CENT, rounding=ROUND_HALF_UP) for r in criteria}
    return ApplicationScore(total, means, count, bonus)


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (away from zero) to a whole number."""
    whole = (2 * abs(numerator) + denominator) // (2 * denominator)
    return -whole if numerator < 0 else whole


class TenthsScorer:
    """`score_from_sums` in whole numbers, for many applications under the same criteria:
    each criterion's sum over `count` sheets in tenths of a point (in `criteria`'s order),
    weights and bonus in hundredths. The same results (the arithmetic is exact, rounded
    once, half up) in a fraction of the time — the committee's table reads a thousand."""

    def __init__(self, criteria: Sequence[CriterionRule]) -> None:
        self.criteria = list(criteria)
        self.codes = [r.code for r in criteria]
        self.weights = [int(r.weight * 100) for r in criteria]  # weights have two places
        self.known: dict[int, Decimal] = {}

    def _decimal(self, cents: int) -> Decimal:
        found = self.known.get(cents)
        if found is None:
            found = self.known[cents] = Decimal(cents).scaleb(-2)
        return found

    def __call__(
        self, tenths: Sequence[int], count: int, bonus: Decimal = Decimal(0)
    ) -> ApplicationScore | None:
        if count <= 0:
            return None
        weighted = sum(w * t for w, t in zip(self.weights, tenths, strict=True))
        # total in cents = Σ W·t / (10 n) + B, with W and B in hundredths
        total = _half_up(weighted + 10 * count * int(bonus * 100), 10 * count)
        # mean in cents = 10 t / n, half up; scores are never negative, so inline
        twice = 2 * count
        known = self.known
        means = {
            code: known.get(cents) or self._decimal(cents)
            for code, cents in zip(
                self.codes, [(20 * t + count) // twice for t in tenths], strict=True
            )
        }
        return ApplicationScore(Decimal(total).scaleb(-2), means, count, bonus)


def score_from_tenths(
    tenths: Sequence[int],
    count: int,
    criteria: Sequence[CriterionRule],
    bonus: Decimal = Decimal(0),
) -> ApplicationScore | None:
    """One application's `TenthsScorer` result."""
    return TenthsScorer(criteria)(tenths, count, bonus)


def max_total(criteria: Iterable[CriterionRule]) -> Decimal:
    return sum((r.weight * r.max_score for r in criteria), Decimal(0)).quantize(CENT)


def outliers(
    sheets: Mapping[Any, Mapping[str, Decimal]],
    criteria: Iterable[CriterionRule],
    share: Decimal,
) -> set[tuple[object, str]]:
    """(member, criterion) pairs whose score lies more than `share` % of the criterion's
    maximum away from the mean of the other members' scores (two sheets at least)."""
    flagged: set[tuple[object, str]] = set()
    if len(sheets) < 2:
        return flagged
    for rule in criteria:
        limit = share * rule.max_score / HUNDRED
        values = {member: sheet[rule.code] for member, sheet in sheets.items()}
        total = sum(values.values(), Decimal(0))
        others_count = len(values) - 1
        for member, value in values.items():
            others_mean = (total - value) / others_count
            if abs(value - others_mean) > limit:
                flagged.add((member, rule.code))
    return flagged


@dataclass(frozen=True)
class Composition:
    """Who may decide on one application after recusals, and whether that is lawful."""

    voters: int
    quorum: int
    shares: dict[str, Decimal]  # interest group → % of the votes, two decimals
    problems: tuple[Reason, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def composition(groups: Iterable[str], *, quorum: int, max_share: Decimal) -> Composition:
    """`groups` holds the interest group of each voting member present and not recused.
    Lawful when they are at least `quorum` and no group holds more than `max_share` % of
    the votes (compared exactly: 49 % of 7 votes is 3.43, so 3 are allowed, 4 are not)."""
    counts = Counter(groups)
    voters = sum(counts.values())
    problems: list[Reason] = []
    if voters < quorum:
        problems.append(Reason("quorum", {"present": voters, "quorum": quorum}))
    shares: dict[str, Decimal] = {}
    for group, count in sorted(counts.items()):
        shares[group] = (Decimal(count) * HUNDRED / voters).quantize(CENT, rounding=ROUND_HALF_UP)
        if Decimal(count) * HUNDRED > max_share * voters:
            problems.append(
                Reason(
                    "group_share",
                    {"group": f"label:group:{group}", "share": shares[group], "max": max_share},
                )
            )
    return Composition(voters, quorum, shares, tuple(problems))
