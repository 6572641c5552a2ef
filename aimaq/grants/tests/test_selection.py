"""Selection within the fund: never more than the fund, the caps and what reserves leave;
under "skip" it never passes over a higher-ranked application that fits; the exact best use
is never below the ranking's total and equals a brute force on small cases."""

from dataclasses import replace
from decimal import Decimal
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.grants.rules.bestuse import _limits_matrix, _milp, best_use
from aimaq.grants.rules.selection import (
    REDUCE,
    SKIP,
    STOP,
    Candidate,
    Pool,
    SelectionRules,
    constraints,
    ranked,
    select,
)

PROPERTY = settings(max_examples=30, deadline=None)


@st.composite
def situations(draw, rules=(STOP, SKIP, REDUCE), most=9):
    count = draw(st.integers(0, most))
    candidates = [
        Candidate(
            key=key,
            score=Decimal(draw(st.integers(0, 40))) / 4,  # many ties
            amount=draw(st.integers(1, 12)) * 100_000,
            pools=frozenset(draw(st.sets(st.sampled_from(["east", "youth"]), max_size=2))),
            tie=(Decimal(draw(st.integers(0, 3))),),
            submitted=f"2018-11-{draw(st.integers(10, 12))}",
            case=f"G-{key:03d}",
        )
        for key in range(count)
    ]
    fund = draw(st.integers(5, 30)) * 100_000
    pools = (
        Pool(
            "east",
            reserved=draw(st.sampled_from([None, fund // 3])),
            cap=draw(st.sampled_from([None, fund // 2])),
        ),
        Pool(
            "youth",
            reserved=draw(st.sampled_from([None, 200_000])),
            max_awards=draw(st.sampled_from([None, 1, 2])),
        ),
    )
    return candidates, SelectionRules(fund=fund, rule=draw(st.sampled_from(rules)), pools=pools)


def feasible(amounts: dict[int, int], candidates, rules) -> bool:
    by_key = {c.key: c for c in candidates}
    for row in constraints(rules):
        used = sum(
            (1 if row.counts else amount)
            for key, amount in amounts.items()
            if amount and row.covers(by_key[key])
        )
        if used > row.limit:
            return False
    return True


@PROPERTY
@given(situations())
def test_the_selection_never_exceeds_the_fund_caps_or_reserves(situation):
    candidates, rules = situation
    selection = select(candidates, rules)
    assert selection.total <= rules.fund
    assert feasible(
        {line.candidate.key: line.amount for line in selection.funded}, candidates, rules
    )
    assert all(0 < line.amount <= line.candidate.amount for line in selection.funded)


@PROPERTY
@given(situations(rules=(SKIP,)))
def test_skip_never_passes_over_a_higher_ranked_application_that_fits(situation):
    candidates, rules = situation
    selection = select(candidates, rules)
    chosen: dict[int, int] = {}
    for line in selection.lines:  # in rank order
        if line.outcome == "selected":
            chosen[line.candidate.key] = line.amount
            continue
        trial = {**chosen, line.candidate.key: line.candidate.amount}
        assert not feasible(trial, candidates, rules), "it fitted when its turn came"


@PROPERTY
@given(situations())
def test_the_best_use_is_never_below_the_ranking(situation):
    candidates, rules = situation
    best = best_use(candidates, rules)
    assert best.total_score >= select(candidates, rules).total_score
    assert best.total <= rules.fund and feasible(best.amounts, candidates, rules)


def brute_force(candidates, rules) -> Decimal:
    best = Decimal(0)
    for size in range(len(candidates) + 1):
        for chosen in combinations(candidates, size):
            amounts = {c.key: c.amount for c in chosen}
            if feasible(amounts, candidates, rules):
                best = max(best, sum((c.score for c in chosen), Decimal(0)))
    return best


@PROPERTY
@given(situations(rules=(STOP, SKIP), most=8))
def test_the_best_use_equals_a_brute_force_on_small_cases(situation):
    candidates, rules = situation
    assert best_use(candidates, rules).total_score == brute_force(candidates, rules)


@PROPERTY
@given(situations(rules=(REDUCE,), most=8))
def test_the_best_use_with_reduced_grants_equals_a_brute_force_over_their_floors(situation):
    """Under `reduce` any funded set that fits at all fits with every grant at its floor."""
    candidates, rules = situation
    floors = [replace(c, amount=rules.reduced_minimum(c.amount)) for c in candidates]
    best = best_use(candidates, rules)
    assert best.total_score == brute_force(floors, rules)
    assert all(
        rules.reduced_minimum(c.amount) <= best.amounts[c.key] <= c.amount
        for c in candidates
        if best.amounts[c.key]
    )


@settings(max_examples=15, deadline=None)
@given(situations(most=40))
def test_the_best_use_of_many_applications_is_the_solvers_own_optimum(situation):
    """What the relaxation settles before HiGHS searches (most applications, when there
    are many) leaves the optimum as HiGHS finds it over every application at once."""
    candidates, rules = situation
    best = best_use(candidates, rules)
    if not candidates:
        return
    costs = [
        rules.reduced_minimum(c.amount) if rules.rule == REDUCE else c.amount for c in candidates
    ]
    matrix, upper = _limits_matrix(candidates, np.array(costs), constraints(rules))
    scores = np.array([int(c.score * 100) for c in candidates])
    whole = _milp(scores, matrix, upper)
    assert best.total_score * 100 == int(scores[whole].sum())


def candidate(key: int, score: str, amount: int, **fields) -> Candidate:
    return Candidate(key=key, score=Decimal(score), amount=amount, case=f"G-{key:03d}", **fields)


def test_ties_follow_the_published_order():
    order = ranked(
        [
            candidate(1, "80", 900_000, tie=(Decimal(7),), submitted="2018-11-02"),
            candidate(2, "80", 900_000, tie=(Decimal(9),), submitted="2018-11-03"),
            candidate(3, "80", 800_000, tie=(Decimal(7),), submitted="2018-11-04"),
            candidate(4, "80", 800_000, tie=(Decimal(7),), submitted="2018-11-01"),
            candidate(5, "81", 1_200_000),
        ]
    )
    # score, then the tie-breaking criterion, then the smaller request, then the earlier one
    assert [c.key for c in order] == [5, 2, 4, 3, 1]


def test_stop_skip_and_reduce_treat_the_remainder_as_the_call_says():
    candidates = [
        candidate(1, "90", 600_000),
        candidate(2, "80", 500_000),
        candidate(3, "70", 300_000),
    ]
    fund = 1_000_000
    stop = select(candidates, SelectionRules(fund, STOP))
    assert [(line.candidate.key, line.outcome) for line in stop.lines] == [
        (1, "selected"),
        (2, "reserve"),
        (3, "reserve"),
    ]
    skip = select(candidates, SelectionRules(fund, SKIP))
    assert [(line.candidate.key, line.outcome) for line in skip.lines] == [
        (1, "selected"),
        (2, "reserve"),
        (3, "selected"),
    ]
    reduce = select(candidates, SelectionRules(fund, REDUCE, reduced_floor=Decimal(80)))
    assert [(line.candidate.key, line.outcome, line.amount) for line in reduce.lines] == [
        (1, "selected", 600_000), (2, "reduced", 400_000), (3, "reserve", 0),
    ]  # fmt: skip
    too_small = select(candidates, SelectionRules(fund, REDUCE, reduced_floor=Decimal(90)))
    assert [line.outcome for line in too_small.lines] == ["selected", "reserve", "selected"]


def test_money_reserved_for_a_territory_is_spent_on_no_one_else():
    rules = SelectionRules(1_000_000, SKIP, pools=(Pool("east", reserved=400_000),))
    candidates = [
        candidate(1, "90", 500_000),
        candidate(2, "85", 300_000),
        candidate(3, "50", 400_000, pools=frozenset({"east"})),
    ]
    selection = select(candidates, rules)
    assert {line.candidate.key for line in selection.funded} == {1, 3}
    assert selection.remainder == 100_000


def test_the_reserve_list_moves_up_without_taking_anyones_award():
    rules = SelectionRules(1_000_000, SKIP)
    candidates = [
        candidate(2, "80", 500_000),
        candidate(3, "70", 300_000),
        candidate(4, "60", 400_000),
    ]
    selection = select(candidates, rules, fixed={2: 500_000})  # 1 declined, 2 keeps its award
    assert {line.candidate.key: line.amount for line in selection.funded} == {
        2: 500_000,
        3: 300_000,
    }


def test_reserves_above_the_fund_are_refused():
    with pytest.raises(ValueError):
        SelectionRules(100, SKIP, pools=(Pool("a", reserved=60), Pool("b", reserved=60)))
