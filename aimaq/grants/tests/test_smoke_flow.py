"""From submission to publication on a small competition (temporary smoke test)."""

from aimaq.grants.models import Outcome
from aimaq.grants.selectors.ranking import competition_rows
from aimaq.grants.services.decision import draft_decision, sign_decision
from aimaq.grants.services.results import publish_results
from aimaq.grants.tests.world import make_application, make_committee, make_competition, score_all


def test_flow(tree, settings):
    settings.AIMAQ_NOTIFICATION_SENDERS = {
        "email": "aimaq.core.notifications.senders.MemorySender",
        "sms": "aimaq.core.notifications.senders.MemorySender",
    }
    competition = make_competition(tree, fund=2_000_000)
    seats = make_committee(competition)
    apps = [
        make_application(competition, tree["nura"], number=i, requested=900_000 + i * 10_000)
        for i in range(1, 5)
    ]
    for i, app in enumerate(apps):
        score_all(app, seats, {"novelty": 5 + i, "plan": 6, "jobs": 4})
    ranking = competition_rows(competition)
    print(
        [
            (r.application.case_number, r.rank, r.outcome, r.amount, r.score.total)
            for r in ranking.rows
        ]
    )
    decision = draft_decision(
        competition, by=seats["officer"].user, present=list(competition.members.all())
    )
    sign_decision(decision, by=seats["m0"].user)
    sent = publish_results(competition, by=seats["officer"].user)
    print(sent[0].body)
    assert decision.lines.filter(outcome=Outcome.SELECTED).count() == 2
