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


def test_pages(client, tree, settings):
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
    officer = seats["officer"].user
    client.force_login(officer)
    for url in [
        "/grants/",
        f"/grants/{competition.pk}/",
        f"/grants/{competition.pk}/manage/",
        f"/grants/{competition.pk}/paper/",
        f"/grants/{competition.pk}/committee/",
        f"/grants/{competition.pk}/ranking/",
        f"/grants/{competition.pk}/decision/",
        f"/grants/applications/{apps[0].pk}/",
        f"/grants/{competition.pk}/applications.csv",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:3000])
    decision = draft_decision(competition, by=officer, present=list(competition.members.all()))
    client.force_login(seats["m0"].user)
    for url in [
        f"/grants/{competition.pk}/decision/",
        f"/grants/applications/{apps[0].pk}/score/",
        f"/grants/{competition.pk}/committee/",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
    r = client.post(f"/grants/{competition.pk}/decision/sign/")
    assert r.status_code == 302
    client.force_login(officer)
    r = client.post(f"/grants/{competition.pk}/publish/")
    client.logout()
    for url in [
        f"/grants/{competition.pk}/results/",
        f"/grants/{competition.pk}/results.csv",
        f"/grants/{competition.pk}/360giving.json",
        f"/grants/{competition.pk}/360giving.csv",
        f"/api/grants/competitions/{competition.pk}/results",
        f"/api/grants/competitions/{competition.pk}/360giving",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:2000])
    from aimaq.grants.models import Award

    award = Award.objects.first()
    client.force_login(officer)
    r = client.get(f"/grants/awards/{award.pk}/")
    assert r.status_code == 200
