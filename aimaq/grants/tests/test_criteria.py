"""The officials who run a competition manage its criteria on a page of their own: a new
or changed criterion judges every application again, a scored criterion stays, a wrong
entry is refused with a message naming the field, and committee members cannot edit."""

import pytest

from aimaq.core.activity.models import ActionLogEntry
from aimaq.grants.models import Gate
from aimaq.grants.tests.world import (
    add_minimum_criterion,
    make_application,
    make_committee,
    make_competition,
    score_all,
)

NEW = {
    "kind": "scored", "code": "market", "name_kk": "Нарық", "name_ru": "Рынок",
    "name_en": "Market <& need", "weight": "1", "max_score": "10", "order": "5", "tie_break": "",
}  # fmt: skip


@pytest.fixture
def scored(tree, db):
    competition = make_competition(tree)
    seats = make_committee(competition)
    application = make_application(competition, tree["nura"])
    score_all(application, seats, {"novelty": 8, "plan": 8, "jobs": 8})
    return competition, seats, application


def test_a_new_criterion_judges_every_application_again(client, scored):
    competition, seats, application = scored
    assert application.gates.get(gate=Gate.SCORING).passed is True
    client.force_login(seats["officer"].user)
    response = client.post(f"/grants/{competition.pk}/criteria/", NEW, follow=True)
    page = response.content.decode()
    assert "Market &lt;&amp; need" in page and "every application is judged again" in page
    # The sheets given before score no "market": none counts, the gate waits again.
    assert application.gates.get(gate=Gate.SCORING).passed is None
    assert ActionLogEntry.objects.filter(event="grants.criterion_saved").exists()


def test_a_scored_criterion_cannot_be_removed(client, scored):
    competition, seats, _application = scored
    novelty = competition.criteria.get(code="novelty")
    client.force_login(seats["officer"].user)
    url = f"/grants/{competition.pk}/criteria/{novelty.pk}/remove/"
    page = client.post(url, follow=True).content.decode()
    assert "has been scored already and cannot be removed" in page
    assert competition.criteria.filter(code="novelty").exists()


def test_a_taken_code_and_a_zero_weight_are_refused_by_field(client, scored):
    competition, seats, _application = scored
    client.force_login(seats["officer"].user)
    wrong = {**NEW, "code": "plan", "weight": "0"}
    page = client.post(f"/grants/{competition.pk}/criteria/", wrong).content.decode()
    assert "already has a criterion with this code" in page
    assert "needs a weight above zero" in page
    assert competition.criteria.count() == 3


def test_a_committee_member_cannot_manage_the_criteria(client, scored):
    competition, seats, _application = scored
    client.force_login(seats["m1"].user)
    assert client.get(f"/grants/{competition.pk}/criteria/").status_code == 403


def test_the_criteria_are_named_in_the_readers_language_without_their_codes(client, scored):
    competition, seats, _application = scored
    competition.criteria.filter(code="novelty").update(name_ru="Новизна идеи")
    add_minimum_criterion(competition)
    client.force_login(seats["officer"].user)
    url = f"/grants/{competition.pk}/criteria/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Новизна идеи" in page and "Есть помещение" in page
    assert "novelty" not in page and "premises" not in page
