"""The quality check: each rule says what to fix and links to the place; over random plans
(hypothesis) it finds exactly the faults the plan was built with."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.plans.models import ActionCost, CumulativeRule, Direction, Frequency, PlanKind
from aimaq.plans.quality import check_quality
from aimaq.plans.services import (
    add_action,
    add_goal,
    add_indicator,
    add_outcome,
    add_output,
    create_plan,
    set_envelope,
    set_targets,
    split_targets,
)
from aimaq.plans.tests.world import good_plan, plan_world
from aimaq.testing.properties import examples

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def rules(report) -> set[str]:
    return {finding.rule for finding in report.findings}


def test_a_complete_plan_passes(world):
    report = check_quality(good_plan(world).versions.get())
    assert report.passed and report.checks >= 3


def test_each_failure_links_to_the_place_to_fix(client, world):
    plan = good_plan(world)
    version = plan.versions.get()
    by = world["editor"]
    lonely = add_goal(version, name="A goal without an outcome", by=by)
    action = add_action(version, name="An action serving nothing", by=by)
    report = check_quality(version)
    places = {finding.rule: finding.url for finding in report.findings}
    assert places["goal_measured"].endswith(
        f"/plans/{plan.pk}/v1/edit/directions/#goal-{lonely.uid}"
    )
    assert places["action_serves_goal"].endswith(f"#action-{action.uid}")
    client.force_login(by)
    page = client.get(f"/plans/{plan.pk}/v1/quality/").content.decode()
    assert "A goal without an outcome" in page and f"#goal-{lonely.uid}" in page
    assert "Fix it" in page


def test_targets_against_the_good_direction_and_missing_periods_fail(world):
    version = good_plan(world).versions.get()
    indicator = version.planindicators.get()
    set_targets(
        indicator, {"2018": 404, "2019": 300}, by=world["editor"]
    )  # a running total falls; 2020 missing
    found = check_quality(version)
    assert {"target_direction", "periods_complete"} <= rules(found)
    message = next(f.message for f in found.findings if f.rule == "periods_complete")
    assert "2020" in message


def test_costs_beyond_the_envelope_or_outside_the_action_years_fail(world):
    version = good_plan(world).versions.get()
    okrug = world["sources"]["okrug-budget"]
    set_envelope(version, year=2018, source=okrug, amount=1_000_000, by=world["editor"])
    action = version.actions.get()
    ActionCost.objects.create(version=version, action=action, year=2019, source=okrug, amount=10)
    messages = [f.message for f in check_quality(version).findings if f.rule == "budget"]
    assert any("1,500,000" in m and "1,000,000" in m for m in messages)
    assert any("no envelope" in m for m in messages)
    assert any("outside the years it runs" in m for m in messages)


def test_an_orphaned_indicator_fails(world):
    version = good_plan(world).versions.get()
    add_indicator(
        version,
        name="Floating",
        baseline=0,
        baseline_year=2017,
        target_value=5,
        frequency=Frequency.LIFE_OF_PLAN,
        by=world["editor"],
    )
    assert "indicator_orphan" in rules(check_quality(version))


plans = st.fixed_dictionaries(
    {
        "goals": st.lists(
            st.fixed_dictionaries(
                {
                    "outcome": st.booleans(),
                    "measured": st.booleans(),
                    "wrong_way": st.booleans(),
                    "action": st.sampled_from(["output", "goal", "none", "absent"]),
                    "over_budget": st.booleans(),
                }
            ),
            min_size=1,
            max_size=3,
        ),
        "orphan": st.booleans(),
    }
)


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(shape=plans)
def test_the_check_finds_exactly_the_faults_a_random_plan_has(world, shape):
    by = world["editor"]
    okrug = world["sources"]["okrug-budget"]
    plan = create_plan(
        territory=world["zharaspai"],
        owner=world["zharaspai_akimat"],
        kind=PlanKind.THEMATIC,
        title="Random",
        start_year=2020,
        end_year=2021,
        by=by,
    )
    version = plan.versions.get()
    expected = set()
    planned = 0
    for number, goal_shape in enumerate(shape["goals"], start=1):
        goal = add_goal(version, name=f"Goal {number}", by=by)
        output = None
        if goal_shape["outcome"]:
            outcome = add_outcome(goal, name="Outcome", by=by)
            output = add_output(outcome, name="Output", by=by)
            wrong = goal_shape["wrong_way"]
            indicator = add_indicator(
                version,
                outcome=outcome,
                name="Indicator",
                baseline=10,
                baseline_year=2019 if goal_shape["measured"] else None,
                target_value=5 if wrong else 20,
                direction=Direction.INCREASE,
                frequency=Frequency.ANNUAL,
                rule=CumulativeRule.LATEST,
                by=by,
            )
            split_targets(indicator, by=by)
            if wrong:
                expected.add("target_direction")
            if not goal_shape["measured"]:
                expected.add("goal_measured")
        else:
            expected.add("goal_measured")
        if goal_shape["action"] == "absent":
            continue
        amount = 300 if goal_shape["over_budget"] else 100
        planned += amount
        add_action(
            version,
            name=f"Action {number}",
            output=output if goal_shape["action"] == "output" else None,
            goals=[goal] if goal_shape["action"] == "goal" else [],
            starts_on=date(2020, 1, 1),
            ends_on=date(2020, 12, 31),
            costs={(2020, okrug): amount},
            by=by,
        )
        if goal_shape["action"] == "none" or (goal_shape["action"] == "output" and output is None):
            expected.add("action_serves_goal")
    envelope = 100 * len(shape["goals"])
    set_envelope(version, year=2020, source=okrug, amount=envelope, by=by)
    if planned > envelope:
        expected.add("budget")
    if shape["orphan"]:
        add_indicator(
            version,
            name="Orphan",
            baseline=Decimal(1),
            baseline_year=2019,
            target_value=2,
            frequency=Frequency.LIFE_OF_PLAN,
            by=by,
        )
        expected.add("indicator_orphan")
    report = check_quality(version)
    assert rules(report) == expected
    assert report.passed == (not expected)
    assert all(finding.url.startswith(f"/plans/{plan.pk}/v1/edit/") for finding in report.findings)
