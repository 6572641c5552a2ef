"""An approved version never changes: an amendment copies it into a new draft, and the diff
says which targets, actions and budgets changed, by whom and why."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from aimaq.plans.diff import ADDED, CHANGED, diff_versions
from aimaq.plans.models import ActionCost, VersionStatus
from aimaq.plans.services import (
    add_action,
    approve,
    move,
    set_costs,
    set_envelope,
    set_targets,
    start_amendment,
)
from aimaq.plans.tests.world import approved_plan, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


@pytest.fixture
def amended(world):
    """The approved Zharaspai plan with amendment 2: the 2019 target raised, the action's
    cost moved to another source, a new action, and a larger envelope."""
    plan = approved_plan(world)
    by = world["editor"]
    draft = start_amendment(plan, by=by, reason="Izendi joins the mobile network project")
    indicator = draft.planindicators.get()
    set_targets(indicator, {"2018": 404, "2019": 1000, "2020": 1213}, by=by)
    action = draft.actions.get()
    private, okrug = world["sources"]["private"], world["sources"]["okrug-budget"]
    set_costs(action, {(2018, okrug): 1_500_000, (2018, private): 200_000}, by=by)
    add_action(
        draft,
        name="Extend the network to Izendi",
        output=draft.outputs.get(),
        starts_on=date(2019, 1, 1),
        ends_on=date(2019, 12, 31),
        by=by,
    )
    set_envelope(draft, year=2018, source=private, amount=300_000, by=by)
    return plan, draft


def test_an_amendment_copies_the_version_with_the_same_elements(world, amended):
    plan, draft = amended
    original = plan.versions.get(number=1)
    assert draft.number == 2 and draft.based_on == original and draft.status == VersionStatus.DRAFT
    assert {g.uid for g in original.goals.all()} == {g.uid for g in draft.goals.all()}
    copied = draft.planindicators.get()
    assert copied.outcome.version == draft  # links point at the copies, not the original
    assert copied.uid == original.planindicators.get().uid


def test_the_approved_version_is_untouched_by_its_amendment(world, amended):
    plan, _draft = amended
    original = plan.versions.get(number=1)
    assert {t.period: int(t.value) for t in original.planindicators.get().targets.all()} == {
        "2018": 404,
        "2019": 809,
        "2020": 1213,
    }
    assert list(ActionCost.objects.filter(version=original).values_list("amount", flat=True)) == [
        1_500_000
    ]
    assert original.actions.count() == 1


def test_the_diff_names_changed_targets_actions_and_budgets_with_who_and_why(world, amended):
    plan, draft = amended
    diff = diff_versions(draft.based_on, draft)
    targets = diff.of_kind("targets")
    assert [(f.label, f.old, f.new) for f in targets[0].fields] == [("2019", "809", "1,000")]
    budget = diff.of_kind("budget")
    assert ("2018, Private funds", "—", "200,000") in [
        (f.label, f.old, f.new) for f in budget[0].fields
    ]
    added = [c for c in diff.of_kind("action") if c.what == ADDED]
    assert added[0].label.endswith("Extend the network to Izendi")
    assert added[0].by == str(world["editor"])
    envelopes = diff.of_kind("funding envelopes")[0]
    assert envelopes.what == CHANGED and envelopes.fields[0].new == "300,000"


def test_the_diff_page_says_why_and_the_public_page_names_no_one(client, world, amended):
    plan, draft = amended
    move(draft, "consultation", by=world["editor"])  # public from now on
    page = client.get(f"/plans/{plan.pk}/v2/diff/").content.decode()
    assert "Izendi joins the mobile network project" in page
    assert "1,000" in page and "809" in page
    assert world["editor"].last_name not in page
    client.force_login(world["editor"])
    assert world["editor"].last_name in client.get(f"/plans/{plan.pk}/v2/diff/").content.decode()


def test_approving_the_amendment_replaces_the_version_in_force(world, amended):
    plan, draft = amended
    move(plan.versions.get(number=1), "in_implementation", by=world["editor"])
    move(draft, "consultation", by=world["editor"])
    move(draft, "agreed", by=world["editor"], agreed_on=date(2019, 3, 1))
    approve(
        draft,
        by=world["approver"],
        body=world["maslikhat"],
        decision_number="31/4",
        decision_date=date(2019, 3, 15),
    )
    statuses = dict(plan.versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.IN_IMPLEMENTATION}


def test_one_amendment_at_a_time_and_a_reason_is_required(world, amended):
    plan, _draft = amended
    with pytest.raises(ValidationError):
        start_amendment(plan, by=world["editor"], reason="another")
    other = approved_plan(world)
    with pytest.raises(ValidationError):
        start_amendment(other, by=world["editor"], reason="  ")
