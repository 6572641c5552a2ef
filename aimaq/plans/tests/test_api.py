"""The whole plan as JSON through the API: public when published, the same figures as the
page, money in whole tenge, no person named; writes go through the one permission check."""

import json

import pytest

from aimaq.accounts.tokens import create_token
from aimaq.plans.services import move
from aimaq.plans.tests.world import approved_plan, good_plan, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def test_the_whole_plan_is_public_json_without_people(client, world):
    plan = approved_plan(world)
    body = client.get(f"/api/plans/{plan.pk}").json()
    assert body["status"] == "approved" and body["approval"]["decision"] == "12/3"
    assert body["title"]["kk"] == "Жараспай ауылдық округінің инклюзивті жоспары"
    assert body["goals"][0]["outcomes"][0]["children"][0]["code"] == "1.1.1"
    indicator = body["indicators"][0]
    assert indicator["rule"] == "cumulative" and indicator["measures"] == "outcome 1.1"
    assert [t["period"] for t in indicator["targets"]] == ["2018", "2019", "2020"]
    assert body["actions"][0]["costs"] == [
        {"year": 2018, "source": "okrug-budget", "amount": 1_500_000}
    ]
    assert body["total_tenge"] == 1_500_000
    text = json.dumps(body, ensure_ascii=False)
    for person in ("editor", "approver"):
        assert world[person].username not in text and world[person].last_name not in text
    listed = client.get("/api/plans/").json()
    assert [p["id"] for p in listed] == [plan.pk]


def test_a_draft_is_found_only_by_those_who_may_see_it(client, world):
    plan = good_plan(world)
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404
    client.force_login(world["editor"])
    assert client.get(f"/api/plans/{plan.pk}").json()["status"] == "draft"


def test_an_editor_adds_an_action_with_a_token_and_bad_sources_are_named(client, world):
    plan = good_plan(world)
    _row, token = create_token(world["editor"], name="script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    ok = client.post(
        f"/api/plans/{plan.pk}/versions/1/actions",
        json.dumps(
            {
                "name": "Repair the club",
                "costs": [{"year": 2019, "source": "okrug-budget", "amount": 700000}],
            }
        ),
        content_type="application/json",
        **headers,
    )
    assert ok.status_code == 201 and ok.json()["costs"][0]["amount"] == 700_000
    bad = client.post(
        f"/api/plans/{plan.pk}/versions/1/actions",
        json.dumps({"name": "Road", "costs": [{"year": 2019, "source": "gold", "amount": 1}]}),
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422
    assert (
        bad.json()["errors"][0]["column"] == "source" and bad.json()["errors"][0]["value"] == "gold"
    )
    negative = client.post(
        f"/api/plans/{plan.pk}/versions/1/actions",
        json.dumps(
            {"name": "Road", "costs": [{"year": 2019, "source": "okrug-budget", "amount": -1}]}
        ),
        content_type="application/json",
        **headers,
    )
    assert negative.status_code == 422


def test_a_consultation_draft_refuses_writes_from_outside_the_scope(client, world):
    plan = good_plan(world)
    move(plan.versions.get(), "consultation", by=world["editor"])  # now public
    client.force_login(world["other_editor"])
    refused = client.post(
        f"/api/plans/{plan.pk}/versions/1/actions",
        json.dumps({"name": "Road", "costs": []}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN="x",
    )
    assert refused.status_code == 403


def test_the_scorecard_is_in_json(client, world):
    plan = approved_plan(world)
    body = client.get(f"/api/plans/{plan.pk}/scorecard").json()
    assert body["total"] == 1 and body["indicators"][0]["verdict"] in (
        "no_data",
        "on_track",
        "at_risk",
        "off_track",
    )


def test_an_api_change_refused_for_its_costs_keeps_the_old_name_too(client, world):
    plan = good_plan(world)
    action = plan.versions.get().actions.get()
    name = action.name_en
    _row, token = create_token(world["editor"], name="script")
    answer = client.patch(
        f"/api/plans/{plan.pk}/versions/1/actions/{action.uid}",
        json.dumps(
            {
                "name": "Renamed",
                "costs": [{"year": 2019, "source": "okrug-budget", "amount": 10**17}],
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert answer.status_code == 422
    action.refresh_from_db()
    assert action.name_en == name
    assert list(action.costs.values_list("amount", flat=True)) == [1_500_000]


def test_an_api_action_for_an_unknown_responsible_organisation_is_refused(client, world):
    plan = good_plan(world)
    _row, token = create_token(world["editor"], name="script")
    answer = client.post(
        f"/api/plans/{plan.pk}/versions/1/actions",
        json.dumps({"name": "Road", "responsible": 10**30}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == f"«responsible»: нет организации с номером {10**30}."
    assert plan.versions.get().actions.count() == 1
