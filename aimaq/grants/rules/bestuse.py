"""The best use of the fund: the selection with the highest total score under the same
constraints as the ranking's selection (fund, caps, reserves; `selection.constraints`),
solved exactly as a mixed-integer program by HiGHS through `scipy.optimize.milp`.

Scores enter as whole hundredths, so the objective is integral and HiGHS proves the optimum
with a zero gap. Under the `reduce` rule a funded application may receive any whole amount
from its floor to its request, as the ranking may offer it (see `best_use` for how the
model stays as small as under the other rules); otherwise grants are whole.
Because the ranking's selection always satisfies these constraints, the best use is never
below it: the difference is what the ranking rule leaves on the table.

Before HiGHS searches, the linear relaxation (HiGHS's LP, a few milliseconds) fixes the
applications whose choice it proves (`_fixed_by_the_relaxation`): with a thousand
applications about five in six are settled that way, and HiGHS searches among the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import gcd

import numpy as np

from .selection import REDUCE, Candidate, Constraint, SelectionRules, constraints, ranked

TIME_LIMIT_SECONDS = 30.0
EXCHANGES = 20  # rounds of improving the known choice before the fixing
EXCHANGE_CELLS = 4_000_000  # limits × pairs weighed in one round (32 MB of integers)


class NotSolved(RuntimeError):
    """HiGHS did not prove an optimum (time limit, or an infeasible model)."""


@dataclass(frozen=True)
class BestUse:
    amounts: dict[int, int]  # candidate key → grant (0: not funded)
    total_score: Decimal
    total: int

    @property
    def funded(self) -> set[int]:
        return {key for key, amount in self.amounts.items() if amount > 0}


def best_use(candidates: Sequence[Candidate], rules: SelectionRules) -> BestUse:
    """The exact best use of the fund; raises NotSolved if HiGHS proves no optimum.

    One binary variable per candidate (funded or not). Under `reduce` a funded
    application costs the model only its floor, the smallest grant it may be offered:
    every limit (fund, caps, reserves, award counts) bounds a sum with positive
    coefficients from above, so any funded set that fits with some grants also fits with
    the floors, and the optimum over the choices is the same as with a grant variable per
    application (half the variables and none of the 2n linking rows). The money left over
    then raises the grants towards the requests, best score first, as far as each limit
    allows; the score is unchanged."""
    n = len(candidates)
    if n == 0:
        return BestUse({}, Decimal(0), 0)
    reducible = rules.rule == REDUCE
    scores = np.array([int(c.score * 100) for c in candidates], dtype=np.int64)
    amounts = [c.amount for c in candidates]
    costs = [rules.reduced_minimum(a) for a in amounts] if reducible else amounts
    limits = constraints(rules)
    matrix, upper = _limits_matrix(candidates, np.array(costs, dtype=np.int64), limits)
    chosen = _solve(scores, matrix, upper)
    granted = {c.key: (costs[j] if chosen[j] else 0) for j, c in enumerate(candidates)}
    if reducible:
        _raise_grants(candidates, granted, limits)
    total_score = sum((c.score for c in candidates if granted[c.key] > 0), Decimal(0))
    return BestUse(granted, total_score, sum(granted.values()))


def _limits_matrix(
    candidates: Sequence[Candidate], costs: np.ndarray, limits: list[Constraint]
) -> tuple[np.ndarray, np.ndarray]:
    """The limits as a dense integer matrix (one row per limit, a handful) and their
    bounds. Each row is divided by the greatest common divisor of its coefficients and its
    bound rounded down, which admits the same whole choices with smaller numbers (HiGHS
    warns about bounds of 10⁸ and judges rows with a relative tolerance)."""
    keys = sorted({key for row in limits for key in row.pools})
    member = {
        key: np.fromiter((key in c.pools for c in candidates), dtype=bool, count=len(candidates))
        for key in keys
    }
    nobody = np.zeros(len(candidates), dtype=bool)
    matrix = np.zeros((len(limits), len(candidates)), dtype=np.int64)
    upper = np.zeros(len(limits), dtype=np.int64)
    for i, row in enumerate(limits):
        touches = np.logical_or.reduce([member[key] for key in row.pools] + [nobody])
        covered = touches if row.inside else ~touches
        values = np.where(covered, 1 if row.counts else costs, 0)
        divisor = gcd(*values.tolist()) or 1
        matrix[i] = values // divisor
        upper[i] = row.limit // divisor
    return matrix, upper


def _solve(scores: np.ndarray, matrix: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """The 0/1 choice maximising the score within every limit, exactly (see the module)."""
    chosen = np.zeros(len(scores), dtype=bool)
    fixed_one, free = _fixed_by_the_relaxation(scores, matrix, upper)
    chosen[fixed_one] = True
    if free.any():
        room = upper - matrix[:, fixed_one].sum(axis=1)
        chosen[free] = _milp(scores[free], matrix[:, free], room)
    if (matrix @ chosen > upper).any():  # checked in whole numbers, not HiGHS's tolerances
        raise NotSolved("the solver's choice exceeds a limit")
    return chosen


def _milp(scores: np.ndarray, matrix: np.ndarray, upper: np.ndarray) -> np.ndarray:
    from scipy.optimize import Bounds, LinearConstraint, milp

    result = milp(
        -scores.astype(float),
        constraints=[LinearConstraint(matrix.astype(float), -np.inf, upper.astype(float))],
        integrality=np.ones(len(scores)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0.0, "time_limit": TIME_LIMIT_SECONDS, "presolve": True},
    )
    if result.status != 0 or result.x is None:
        raise NotSolved(result.message)
    return np.rint(result.x).astype(bool)


def _fixed_by_the_relaxation(
    scores: np.ndarray, matrix: np.ndarray, upper: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(chosen in every optimum, not yet decided), proved by reduced-cost fixing.

    For any prices y ≥ 0 on the limits, r = scores − Aᵀy and U = y·b + Σ max(r, 0) bound the
    score of every choice that fits (weak duality), and a choice that differs from "take j
    when r_j > 0" in j scores at most U − |r_j|. So when |r_j| exceeds U less the score of a
    choice known to fit, every optimum takes (r_j > 0) or leaves (r_j < 0) application j.
    The prices come from the relaxation solved by HiGHS; the bound is recomputed here from
    them, so it holds however rounded they are. Anything doubtful stays undecided."""
    from scipy.optimize import linprog

    everything = np.ones(len(scores), dtype=bool)
    nothing = np.zeros(len(scores), dtype=bool)
    relaxed = linprog(
        -scores.astype(float), A_ub=matrix.astype(float), b_ub=upper.astype(float),
        bounds=(0, 1), method="highs",
    )  # fmt: skip
    if relaxed.status != 0 or relaxed.x is None:
        return nothing, everything
    prices = np.maximum(-np.asarray(relaxed.ineqlin.marginals, dtype=float), 0.0)
    reduced = scores - matrix.T.astype(float) @ prices
    bound = float(prices @ upper) + float(np.maximum(reduced, 0.0).sum())
    known = _a_choice_that_fits(scores, matrix, upper, relaxed.x, reduced, bound)
    margin = bound - float(scores[known].sum()) + 1e-9 * abs(bound) + 1e-6
    fixed_one = reduced > margin
    fixed_zero = -reduced > margin
    return fixed_one, ~(fixed_one | fixed_zero)


def _a_choice_that_fits(
    scores: np.ndarray, matrix: np.ndarray, upper: np.ndarray, relaxed: np.ndarray,
    reduced: np.ndarray, bound: float,
) -> np.ndarray:  # fmt: skip
    """A good choice that fits (the closer to the optimum, the more the relaxation fixes):
    the relaxation's whole part, filled with what still fits, then improved by exchanging
    one chosen application for one left out while that gains score, among those the
    relaxation leaves in doubt."""
    chosen = relaxed > 1 - 1e-9
    if (matrix @ chosen > upper).any():
        chosen[:] = False
    order = np.argsort(-reduced, kind="stable")
    _fill(scores, matrix, upper, chosen, order)
    doubtful = np.abs(reduced) <= bound - scores[chosen].sum() + 1
    for _ in range(EXCHANGES):
        inside = np.flatnonzero(chosen & doubtful)
        outside = np.flatnonzero(~chosen & doubtful)
        if not len(inside) or not len(outside):
            break
        if len(upper) * len(inside) * len(outside) > EXCHANGE_CELLS:
            break  # too many pairs to weigh at once (many reserves): HiGHS searches more
        room = upper - matrix @ chosen
        after = room[:, None, None] + matrix[:, inside, None] - matrix[:, None, outside]
        gain = np.where(
            (after >= 0).all(axis=0), scores[outside][None, :] - scores[inside][:, None], 0
        )
        out, into = np.unravel_index(np.argmax(gain), gain.shape)
        if gain[out, into] <= 0:
            break
        chosen[inside[out]], chosen[outside[into]] = False, True
        _fill(scores, matrix, upper, chosen, order)
    return chosen


def _fill(
    scores: np.ndarray, matrix: np.ndarray, upper: np.ndarray, chosen: np.ndarray,
    order: np.ndarray,
) -> None:  # fmt: skip
    """Adds, in `order`, every application with a score that still fits."""
    room = upper - matrix @ chosen
    for j in order:
        if not chosen[j] and scores[j] > 0 and (matrix[:, j] <= room).all():
            chosen[j] = True
            room -= matrix[:, j]


def _raise_grants(
    candidates: Sequence[Candidate], granted: dict[int, int], limits: list[Constraint]
) -> None:
    """Raises the funded floors towards the requests, in rank order, within every money
    limit's slack (the award counts do not change)."""
    money = [row for row in limits if not row.counts]
    slack = [row.limit - sum(granted[c.key] for c in candidates if row.covers(c)) for row in money]
    for candidate in ranked(candidates):
        grant = granted[candidate.key]
        if not grant:
            continue
        covering = [i for i, row in enumerate(money) if row.covers(candidate)]
        extra = min([candidate.amount - grant, *(slack[i] for i in covering)])
        if extra > 0:
            granted[candidate.key] = grant + extra
            for i in covering:
                slack[i] -= extra
