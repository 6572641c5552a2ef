"""The participatory budget's rules as pure functions (no database), so the same code checks
an online and a paper ballot and the results can be recounted from the public list.

- A ballot is valid under its call's rule: single choice (exactly one project), approval (one
  to N different projects), knapsack (different projects whose reviewed costs add up to no
  more than the envelope). Every chosen project must be on the ballot.
- Results: projects ranked by votes (most first; equal votes: the cheaper first, then the
  lower number), funded in that order while the envelope lasts. When the next one does not
  fit, the call's rule says whether to stop there or to skip it and go on to the next that
  fits. A project nobody voted for is not funded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .choices import BallotRule, Overflow


@dataclass(frozen=True)
class BallotRules:
    rule: str
    max_choices: int
    envelope: int


def ballot_problems(
    rules: BallotRules, costs: Mapping[int, int], chosen: Sequence[int]
) -> list[str]:
    """What is wrong with a ballot choosing project ids `chosen` ([] when it is valid);
    `costs` maps each project on the ballot to its cost in tenge."""
    if not chosen:
        return [_("Choose at least one project.")]
    problems = []
    unknown = [number for number in chosen if number not in costs]
    if unknown:
        problems.append(_("A chosen project is not on this ballot."))
    if len(set(chosen)) != len(chosen):
        problems.append(_("A project is chosen more than once."))
    if rules.rule == BallotRule.SINGLE and len(chosen) != 1:
        problems.append(_("Choose exactly one project."))
    elif rules.rule == BallotRule.APPROVAL and len(set(chosen)) > rules.max_choices:
        problems.append(_("Choose at most %(count)s projects.") % {"count": rules.max_choices})
    elif rules.rule == BallotRule.KNAPSACK and not unknown:
        total = sum(costs[number] for number in set(chosen))
        if total > rules.envelope:
            problems.append(
                _(
                    "The projects chosen cost %(total)s tenge together, more than the "
                    "envelope of %(envelope)s tenge."
                )
                % {
                    "total": f"{total:,}".replace(",", " "),
                    "envelope": f"{rules.envelope:,}".replace(",", " "),
                }
            )
    return problems


@dataclass(frozen=True)
class Candidate:
    id: int
    votes: int
    cost: int
    number: int


# Why a project was not funded.
NO_VOTES = "no_votes"
DID_NOT_FIT = "did_not_fit"
STOPPED = "stopped"


@dataclass
class Allocation:
    funded: list[int] = field(default_factory=list)
    not_funded: dict[int, str] = field(default_factory=dict)
    ranking: list[int] = field(default_factory=list)
    spent: int = 0
    left: int = 0


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Most votes first; equal votes: the cheaper first, then the lower number."""
    return sorted(candidates, key=lambda c: (-c.votes, c.cost, c.number))


def allocate(candidates: Iterable[Candidate], envelope: int, overflow: str) -> Allocation:
    """Fund projects by votes within `envelope` (tenge) under the call's `overflow` rule."""
    result = Allocation(left=envelope)
    stopped = False
    for candidate in rank(candidates):
        result.ranking.append(candidate.id)
        if candidate.votes <= 0:
            result.not_funded[candidate.id] = NO_VOTES
        elif stopped:
            result.not_funded[candidate.id] = STOPPED
        elif candidate.cost <= result.left:
            result.funded.append(candidate.id)
            result.left -= candidate.cost
            result.spent += candidate.cost
        else:
            result.not_funded[candidate.id] = DID_NOT_FIT
            stopped = overflow == Overflow.STOP
    return result


def tally(ballots: Iterable[Iterable[int]]) -> dict[int, int]:
    """Votes per project from ballots' choices (the recount anyone can do from the list)."""
    votes: dict[int, int] = {}
    for choices in ballots:
        for project in choices:
            votes[project] = votes.get(project, 0) + 1
    return votes
