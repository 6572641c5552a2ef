"""Who may do what: editors write drafts in their scope only, only an approver seat approves,
an approved version refuses every change — through the page, the API, the admin and the
models alike — and every step is in the action log."""

import json
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from aimaq.core.activity.models import ActionLogEntry
from aimaq.plans.models import ActionCost, FrozenVersion, PlanVersion, SwotItem, VersionStatus
from aimaq.plans.services import add_swot_item, approve, move, remove, set_envelope
from aimaq.plans.tests.world import approved_plan, good_plan, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def swot_post(kind="swot"):
    return {
        "focus_area": "general",
        "quadrant": "S",
        "text_en": "Pastures",
        "text_kk": "",
        "text_ru": "",
    }


def test_editor_in_scope_adds_to_the_draft_on_the_page(client, world):
    plan = good_plan(world)
    client.force_login(world["editor"])
    response = client.post(f"/plans/{plan.pk}/v1/add/swot/", swot_post())
    assert response.status_code == 302
    assert SwotItem.objects.filter(version__plan=plan, text_en="Pastures").exists()


def test_editor_of_other_rayon_cannot_edit_plan(client, world):
    plan = good_plan(world)
    client.force_login(world["other_editor"])
    assert client.get(f"/plans/{plan.pk}/v1/edit/analysis/").status_code in (403, 404)
    assert client.post(f"/plans/{plan.pk}/v1/add/swot/", swot_post()).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        add_swot_item(plan, quadrant="S", text="Pastures", by=world["other_editor"])
    assert not SwotItem.objects.filter(text_en="Pastures").exists()


def test_editor_of_other_rayon_cannot_write_through_the_api(client, world):
    plan = good_plan(world)
    client.force_login(world["other_editor"])
    response = client.post(
        f"/api/plans/{plan.pk}/versions/1/actions",
        json.dumps({"name": "Road repair", "costs": []}),
        content_type="application/json",
    )
    # The draft is not public: outside the scope it does not exist.
    assert response.status_code == 404


def test_only_the_approver_approves(world):
    plan = good_plan(world)
    version = plan.versions.get()
    move(version, "consultation", by=world["editor"])
    move(version, "agreed", by=world["editor"], agreed_on=date(2018, 1, 20))
    for person in ("editor", "manager", "other_editor", "nobody"):
        with pytest.raises(PermissionDenied):
            approve(
                version,
                by=world[person],
                body=world["maslikhat"],
                decision_number="1",
                decision_date=date(2018, 2, 1),
            )
    admin = world["editor"].__class__.objects.create_superuser("root", password="not-used-here-482")
    with pytest.raises(PermissionDenied):
        approve(
            version,
            by=admin,
            body=world["maslikhat"],
            decision_number="1",
            decision_date=date(2018, 2, 1),
        )
    approve(
        version,
        by=world["approver"],
        body=world["maslikhat"],
        decision_number="12/3",
        decision_date=date(2018, 2, 1),
    )
    assert version.status == VersionStatus.APPROVED


def test_approval_is_refused_until_the_quality_check_passes(world):
    plan = good_plan(world)
    version = plan.versions.get()
    set_envelope(
        version, year=2018, source=world["sources"]["okrug-budget"], amount=1, by=world["editor"]
    )
    move(version, "consultation", by=world["editor"])
    move(version, "agreed", by=world["editor"], agreed_on=date(2018, 1, 20))
    with pytest.raises(ValidationError) as refused:
        approve(
            version,
            by=world["approver"],
            body=world["maslikhat"],
            decision_number="1",
            decision_date=date(2018, 2, 1),
        )
    assert refused.value.code == "quality"
    version.refresh_from_db()
    assert version.status == VersionStatus.AGREED


def test_a_draft_cannot_skip_to_approval_and_a_future_decision_is_refused(world):
    plan = good_plan(world)
    version = plan.versions.get()
    with pytest.raises(PermissionDenied):  # a draft is not agreed: no one may approve it
        approve(
            version,
            by=world["approver"],
            body=world["maslikhat"],
            decision_number="1",
            decision_date=date(2018, 2, 1),
        )
    move(version, "consultation", by=world["editor"])
    move(version, "agreed", by=world["editor"], agreed_on=date(2018, 1, 20))
    with pytest.raises(ValidationError):
        approve(
            version,
            by=world["approver"],
            body=world["maslikhat"],
            decision_number="1",
            decision_date=date(2999, 1, 1),
        )


def test_approved_version_is_immutable_through_the_page(client, world):
    plan = approved_plan(world)
    client.force_login(world["editor"])
    assert client.get(f"/plans/{plan.pk}/v1/edit/directions/").status_code == 403
    assert client.post(f"/plans/{plan.pk}/v1/add/swot/", swot_post()).status_code == 403
    action = plan.versions.get().actions.get()
    assert (
        client.post(
            f"/plans/{plan.pk}/v1/element/action/{action.uid}/", {"part": "element"}
        ).status_code
        == 403
    )
    assert (
        client.post(f"/plans/{plan.pk}/v1/element/action/{action.uid}/remove/").status_code == 403
    )


def test_approved_version_is_immutable_through_the_api(client, world):
    plan = approved_plan(world)
    action = plan.versions.get().actions.get()
    client.force_login(world["editor"])
    response = client.patch(
        f"/api/plans/{plan.pk}/versions/1/actions/{action.uid}",
        json.dumps({"costs": [{"year": 2018, "source": "okrug-budget", "amount": 1}]}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert ActionCost.objects.get(action=action).amount == 1_500_000


def test_approved_version_is_immutable_through_the_admin(client, world):
    plan = approved_plan(world)
    action = plan.versions.get().actions.get()
    admin = world["editor"].__class__.objects.create_superuser("root", password="not-used-here-482")
    client.force_login(admin)
    page = client.get(f"/admin/plans/action/{action.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # shown read-only
    response = client.post(
        f"/admin/plans/action/{action.pk}/change/", {"name_en": "Changed", "code": "9"}
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.name_en == "Connect the mobile network"


def test_approved_version_is_immutable_in_the_models(world):
    plan = approved_plan(world)
    version = plan.versions.get()
    action = version.actions.get()
    action.name_en = "Changed"
    with pytest.raises(FrozenVersion):
        action.save()
    with pytest.raises(FrozenVersion):
        ActionCost(
            version=version, action=action, year=2019, source=world["sources"]["private"], amount=5
        ).save()
    with pytest.raises(FrozenVersion):
        version.actions.get().delete()
    version.decision_number = "forged"
    with pytest.raises(FrozenVersion):
        version.save()
    with pytest.raises(PermissionDenied):
        remove(version.actions.get(), by=world["editor"])


def test_a_draft_is_not_public_and_a_consultation_is(client, world):
    plan = good_plan(world)
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404
    move(plan.versions.get(), "consultation", by=world["editor"])
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    assert client.get(f"/api/plans/{plan.pk}").status_code == 200


def test_the_public_page_names_no_person(client, world):
    plan = approved_plan(world)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    for person in ("editor", "approver"):
        assert world[person].last_name not in page
        assert world[person].username not in page
    assert "12/3" in page and "Nura maslikhat" in page  # the decision and the body are public


def test_every_step_is_in_the_action_log(client, world):
    plan = approved_plan(world)
    version = plan.versions.get()
    move(version, "in_implementation", by=world["editor"])
    logged = ActionLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PlanVersion), object_id=str(version.pk)
    )
    events = list(logged.order_by("at", "pk").values_list("event", flat=True))
    assert events[0] == "plans.targets_split"  # writing the draft is logged too
    assert events[1:5] == [
        "plans.consultation",
        "plans.agreed",
        "plans.approved",
        "plans.implementation",
    ]
    client.force_login(world["editor"])
    page = client.get(f"/plans/{plan.pk}/v1/workflow/").content.decode()
    assert "recorded the approval: decision 12/3" in page
