"""The best use of the fund: the selection with the highest total score under the same
constraints as the ranking's selection (fund, caps, reserves; `selection.constraints`),
solved exactly as a mixed-integer program by HiGHS through `scipy.optimize.milp`.

Scores enter as whole hundredths, so the objective is integral and HiGHS proves the optimum
with a zero gap. Under the `reduce` rule a funded application may receive any whole amount
from its floor to its request, as the ranking may offer it; otherwise grants are whole.
Because the ranking's selection always satisfies these constraints, the best use is never
below it: the difference is what the ranking rule leaves on the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from .selection import REDUCE, Candidate, SelectionRules, constraints

TIME_LIMIT_SECONDS = 30.0


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
    """The exact best use of the fund; raises NotSolved if HiGHS proves no optimum."""
    n = len(candidates)
    if n == 0:
        return BestUse({}, Decimal(0), 0)
    reducible = rules.rule == REDUCE
    # Variables: x (funded or not) for every candidate, then under `reduce` g (the grant).
    size = 2 * n if reducible else n
    scores = np.array([int(c.score * 100) for c in candidates], dtype=float)
    amounts = np.array([c.amount for c in candidates], dtype=float)
    objective = np.zeros(size)
    objective[:n] = -scores
    rows, cols, values, upper = [], [], [], []
    for row_index, row in enumerate(constraints(rules)):
        for j, candidate in enumerate(candidates):
            if not row.covers(candidate):
                continue
            rows.append(row_index)
            if row.counts:
                cols.append(j)
                values.append(1.0)
            elif reducible:
                cols.append(n + j)
                values.append(1.0)
            else:
                cols.append(j)
                values.append(amounts[j])
        upper.append(row.limit)
    count = len(upper)
    linear = []
    if count:
        matrix = coo_array((values, (rows, cols)), shape=(count, size)).tocsr()
        linear.append(LinearConstraint(matrix, -np.inf, np.array(upper, dtype=float)))
    if reducible:
        # floor·x ≤ g ≤ amount·x
        eye = np.arange(n)
        floors = np.array([rules.reduced_minimum(c.amount) for c in candidates], dtype=float)
        link_cols = np.concatenate([eye, n + eye, eye, n + eye])
        link_rows = np.concatenate([eye, eye, n + eye, n + eye])
        link_values = np.concatenate([-amounts, np.ones(n), floors, -np.ones(n)])
        link = coo_array((link_values, (link_rows, link_cols)), shape=(2 * n, size)).tocsr()
        linear.append(LinearConstraint(link, -np.inf, 0.0))
    lower_bounds = np.zeros(size)
    upper_bounds = np.ones(size)
    if reducible:
        upper_bounds[n:] = amounts
    result = milp(
        objective,
        constraints=linear,
        integrality=np.ones(size),
        bounds=Bounds(lower_bounds, upper_bounds),
        options={"mip_rel_gap": 0.0, "time_limit": TIME_LIMIT_SECONDS, "presolve": True},
    )
    if result.status != 0 or result.x is None:
        raise NotSolved(result.message)
    chosen = np.rint(result.x).astype(np.int64)
    granted: dict[int, int] = {}
    for j, candidate in enumerate(candidates):
        funded = bool(chosen[j])
        grant = int(chosen[n + j]) if reducible else candidate.amount
        granted[candidate.key] = grant if funded else 0
    total_score = sum((c.score for c in candidates if granted[c.key] > 0), Decimal(0))
    return BestUse(granted, total_score, sum(granted.values()))
