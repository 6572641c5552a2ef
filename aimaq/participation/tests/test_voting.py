"""Vote integrity: ballots valid under their call's rule (hypothesis), final once cast, one
person one ballot per call across web and paper (the database decides — also under threads
on PostgreSQL), a public list anyone can recount, and the results rule at the envelope's
edges."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.testing.properties import examples

from ..choices import BallotRule, Channel, CheckMethod, Overflow
from ..identity import verified_voter
from ..models import Ballot, BallotChoice, VoterRecord
from ..rules import (
    DID_NOT_FIT,
    NO_VOTES,
    STOPPED,
    BallotRules,
    Candidate,
    allocate,
    ballot_problems,
    tally,
)
from ..selectors.budget import ballot_list
from ..services.budget import compute_results, votes_per_project
from ..services.voting import AlreadyVoted, cast_ballot, enter_paper_ballot
from ..voters import make_iins
from .world import budget_world, close_voting, voting_day

# --- the rules, as pure functions ----------------------------------------------------------

costs_strategy = st.dictionaries(
    st.integers(1, 12), st.integers(1, 5_000_000), min_size=1, max_size=8
)


@settings(max_examples=examples(50), deadline=None)
@given(
    costs=costs_strategy,
    rule=st.sampled_from(list(BallotRule.values)),
    max_choices=st.integers(1, 4),
    envelope=st.integers(1, 12_000_000),
    chosen=st.lists(st.integers(0, 13), max_size=6),
)
def test_a_ballot_is_valid_exactly_when_its_rule_allows_it(
    costs, rule, max_choices, envelope, chosen
):
    problems = ballot_problems(BallotRules(rule, max_choices, envelope), costs, chosen)
    on_ballot = bool(chosen) and all(c in costs for c in chosen)
    distinct = len(set(chosen)) == len(chosen)
    if rule == BallotRule.SINGLE:
        allowed = len(chosen) == 1
    elif rule == BallotRule.APPROVAL:
        allowed = len(chosen) <= max_choices
    else:
        allowed = on_ballot and sum(costs[c] for c in set(chosen)) <= envelope
    assert (problems == []) == (on_ballot and distinct and allowed)


@settings(max_examples=examples(50), deadline=None)
@given(
    candidates=st.lists(
        st.tuples(st.integers(0, 50), st.integers(1, 10_000)), min_size=0, max_size=10
    ),
    envelope=st.integers(0, 30_000),
    overflow=st.sampled_from(list(Overflow.values)),
)
def test_results_never_spend_more_than_the_envelope_and_follow_the_votes(
    candidates, envelope, overflow
):
    projects = [
        Candidate(id=i, votes=v, cost=c, number=i) for i, (v, c) in enumerate(candidates, 1)
    ]
    result = allocate(projects, envelope, overflow)
    cost = {p.id: p.cost for p in projects}
    assert result.spent == sum(cost[i] for i in result.funded) <= envelope
    assert result.left == envelope - result.spent
    assert set(result.funded) | set(result.not_funded) == {p.id for p in projects}
    votes = {p.id: p.votes for p in projects}
    assert [votes[i] for i in result.ranking] == sorted(votes.values(), reverse=True)
    for pid, reason in result.not_funded.items():
        if reason == DID_NOT_FIT:
            # It really did not fit in what was left when its turn came.
            before = result.ranking.index(pid)
            spent_before = sum(cost[i] for i in result.funded if result.ranking.index(i) < before)
            assert cost[pid] > envelope - spent_before
    if overflow == Overflow.SKIP:
        assert STOPPED not in result.not_funded.values()


def test_results_at_the_envelopes_edges():
    a, b, c, d = (
        Candidate(1, votes=90, cost=600, number=1),
        Candidate(2, votes=80, cost=500, number=2),
        Candidate(3, votes=70, cost=400, number=3),
        Candidate(4, votes=0, cost=1, number=4),
    )
    # Exactly filling the envelope funds the project.
    assert allocate([a, c], 1000, Overflow.STOP).funded == [1, 3]
    # One tenge short: stop funds nothing after it, skip goes on to the next that fits.
    stop = allocate([a, b, c], 1000, Overflow.STOP)
    assert (stop.funded, stop.not_funded) == ([1], {2: DID_NOT_FIT, 3: STOPPED})
    skip = allocate([a, b, c], 1000, Overflow.SKIP)
    assert (skip.funded, skip.not_funded, skip.left) == ([1, 3], {2: DID_NOT_FIT}, 0)
    # A project nobody voted for is not funded, even when it fits.
    assert allocate([d], 1000, Overflow.SKIP).not_funded == {4: NO_VOTES}
    # The first project costs more than the whole envelope.
    assert allocate([a], 599, Overflow.SKIP).funded == []
    # Equal votes: the cheaper first.
    tied = allocate([Candidate(5, 10, 700, 5), Candidate(6, 10, 300, 6)], 800, Overflow.STOP)
    assert tied.ranking == [6, 5] and tied.funded == [6]


# --- casting ballots -----------------------------------------------------------------------


def _voter(call, iin, method=CheckMethod.PHONE_CODE):
    return verified_voter(call, iin, method=method, on=voting_day())


@pytest.mark.django_db
def test_one_person_one_ballot_across_web_and_paper_and_the_list_recounts():
    world = budget_world(rule=BallotRule.APPROVAL, max_choices=2)
    call, (p1, p2, p3) = world["call"], world["projects"]
    first, second, third = make_iins(3)
    day = voting_day()
    receipt = cast_ballot(
        call, _voter(call, first), [p1.pk, p3.pk], channel=Channel.ONLINE, today=day
    )
    with pytest.raises(AlreadyVoted):  # the same person on paper
        enter_paper_ballot(call, first, [p2.pk], by=world["editor"], today=day)
    with pytest.raises(AlreadyVoted):  # and online again: a ballot is final
        cast_ballot(call, _voter(call, first), [p2.pk], channel=Channel.ONLINE, today=day)
    enter_paper_ballot(call, second, [p2.pk, p3.pk], by=world["editor"], today=day)
    with pytest.raises(ValidationError, match="at most 2"):  # an invalid ballot writes nothing
        cast_ballot(
            call, _voter(call, third), [p1.pk, p2.pk, p3.pk], channel=Channel.ONLINE, today=day
        )
    assert VoterRecord.objects.filter(call=call).count() == Ballot.objects.count() == 2
    assert ballot_list(call) == []  # listed once voting has closed
    close_voting(call)
    rows = ballot_list(call)
    assert receipt.receipt in {row.receipt for row in rows}
    assert tally(row.numbers for row in rows) == {1: 1, 2: 1, 3: 2}
    assert votes_per_project(call) == {p1.pk: 1, p2.pk: 1, p3.pk: 2}
    # Nothing in the stored records or the list is the IIN.
    stored = " ".join(VoterRecord.objects.values_list("identity_hash", flat=True))
    assert first not in stored and second not in stored
    assert all(first not in str(row) for row in rows)


@pytest.mark.django_db
def test_a_voter_under_18_or_with_a_wrong_check_digit_is_refused():
    world = budget_world()
    call = world["call"]
    young = make_iins(1, born=voting_day() - timedelta(days=17 * 365))[0]
    with pytest.raises(ValidationError, match="aged 18"):
        _voter(call, young)
    good = make_iins(1)[0]
    wrong = good[:11] + str((int(good[11]) + 1) % 10)
    with pytest.raises(ValidationError, match="check digit"):
        _voter(call, wrong)


@pytest.mark.django_db
def test_knapsack_ballot_over_the_envelope_is_refused_and_results_follow_the_published_rule():
    world = budget_world(rule=BallotRule.KNAPSACK, overflow=Overflow.SKIP)
    call, (p1, p2, p3) = world["call"], world["projects"]  # 4, 3, 2 million; envelope 6
    day = voting_day()
    iins = make_iins(6)
    with pytest.raises(ValidationError, match="more than the envelope"):
        cast_ballot(call, _voter(call, iins[0]), [p1.pk, p2.pk], channel=Channel.ONLINE, today=day)
    for iin, chosen in zip(
        iins, ([p1.pk, p3.pk], [p1.pk], [p2.pk, p3.pk], [p2.pk], [p2.pk], [p1.pk]), strict=True
    ):
        cast_ballot(call, _voter(call, iin), chosen, channel=Channel.ONLINE, today=day)
    results = compute_results(call)
    # p1 and p2 tie on 3 votes: the cheaper p2 first; then p1 (4 million) does not fit in the
    # 3 million left and is skipped; p3 (2 votes, 2 million) fits.
    assert [(r.project.number, r.votes, r.funded) for r in results.rows] == [
        (2, 3, True),
        (1, 3, False),
        (3, 2, True),
    ]
    assert results.allocation.spent == 5_000_000


def _vote_twice_at_once(call_pk: int, iin: str, project_pk: int, barrier, outcomes) -> None:
    from ..models import BudgetCall

    try:
        call = BudgetCall.objects.get(pk=call_pk)
        voter = _voter(call, iin)
        barrier.wait()
        for _attempt in range(2):
            try:
                cast_ballot(call, voter, [project_pk], channel=Channel.ONLINE, today=voting_day())
                outcomes.append("cast")
            except AlreadyVoted:
                outcomes.append("refused")
    finally:
        close_old_connections()
        connection.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL (bin/test runs it)"
)
@pytest.mark.django_db(transaction=True)
def test_n_threads_each_voting_twice_leave_exactly_n_ballots():
    world = budget_world()
    call, project = world["call"], world["projects"][0]
    voters = 16
    barrier = threading.Barrier(voters * 2)
    outcomes: list[str] = []
    threads = [
        threading.Thread(
            target=_vote_twice_at_once, args=(call.pk, iin, project.pk, barrier, outcomes)
        )
        for iin in make_iins(voters)
        for _copy in range(2)  # every voter on two devices at once, each clicking twice
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("cast") == voters and outcomes.count("refused") == voters * 3
    assert VoterRecord.objects.filter(call=call).count() == voters
    assert Ballot.objects.filter(call=call).count() == voters
    assert BallotChoice.objects.filter(ballot__call=call).count() == voters
