"""Monitoring reports (started with the evidence base's figures, submitted, returned with
comments, published), the scorecard built from published reports of completed periods only,
the roll-up through goal links, and evaluations followed up on the owner's dashboard."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aimaq.indicators.models import Observation
from aimaq.plans.measures import Verdict
from aimaq.plans.models import Criterion, IndicatorScore, PlanKind, ReportStatus
from aimaq.plans.rollup import goal_rollup, national_rollup, territory_rollup
from aimaq.plans.scorecard import plan_scorecard
from aimaq.plans.services import add_goal, add_indicator, add_outcome, approve, create_plan, move
from aimaq.plans.services.evaluation import add_evaluation, add_recommendation, publish_evaluation
from aimaq.plans.services.monitoring import (
    ActualEntry,
    breakdown_flags,
    publish_report,
    return_report,
    save_report,
    start_report,
    submit_report,
)
from aimaq.plans.tests.world import approved_plan, plan_world
from aimaq.testing.indicators import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def report_on(world, plan, period, value, *, publish=True):
    report = start_report(plan, period, by=world["editor"])
    indicator = report.values.get().indicator
    save_report(report, by=world["editor"], actuals={indicator.pk: ActualEntry(Decimal(value))})
    submit_report(report, by=world["editor"])
    if publish:
        publish_report(report, by=world["manager"])
    return report


def test_a_report_is_submitted_returned_with_comments_and_published(client, world):
    plan = approved_plan(world)
    report = report_on(world, plan, "2018", 560, publish=False)
    with pytest.raises(PermissionDenied):
        publish_report(report, by=world["editor"])  # editors do not review their own reports
    with pytest.raises(ValidationError):
        return_report(report, by=world["manager"], comment=" ")
    return_report(report, by=world["manager"], comment="Add the source of the 560")
    assert report.status == ReportStatus.RETURNED
    client.force_login(world["editor"])
    page = client.get(f"/plans/{plan.pk}/reports/{report.pk}/").content.decode()
    assert "Add the source of the 560" in page
    submit_report(report, by=world["editor"])
    publish_report(report, by=world["manager"])
    assert client.get(f"/plans/{plan.pk}/reports/{report.pk}/", HTTP_COOKIE="").status_code == 200


def test_a_linked_indicator_starts_with_the_evidence_base_value(world):
    indicator = IndicatorFactory.create(code="mobile_access")
    by = world["editor"]
    plan = create_plan(
        territory=world["zharaspai"],
        owner=world["zharaspai_akimat"],
        kind="thematic",
        title="Linked",
        start_year=2018,
        end_year=2019,
        by=by,
    )
    goal = add_goal(plan, name="Goal", by=by)
    add_indicator(
        plan,
        outcome=add_outcome(goal, name="Outcome", by=by),
        indicator=indicator,
        baseline=0,
        baseline_year=2017,
        target_value=100,
        by=by,
    )
    Observation.objects.create(
        indicator=indicator, territory=world["zharaspai"], period="2018", value=42.7
    )
    version = plan.versions.get()
    from aimaq.plans.services import split_targets

    split_targets(version.planindicators.get(), by=by)
    move(version, "consultation", by=by)
    move(version, "agreed", by=by, agreed_on=date(2018, 1, 1))
    approve(
        version,
        by=world["approver"],
        body=world["maslikhat"],
        decision_number="1",
        decision_date=date(2018, 1, 2),
    )
    row = start_report(plan, "2018", by=by).values.get()
    assert row.value == Decimal("42.7") and row.from_observation


def test_only_published_reports_of_completed_periods_count(world):
    plan = approved_plan(world)
    report_on(world, plan, "2018", 560)
    report_on(world, plan, "2019", 100, publish=False)
    card = plan_scorecard(plan, as_of=date(2020, 6, 1))
    indicator = card.cards[0]
    assert indicator.actual == Decimal(560)  # running total: baseline 0 + 560; 2019 unpublished
    assert indicator.at == date(2018, 12, 31)
    early = plan_scorecard(plan, as_of=date(2018, 12, 31))  # 2018 not over yet
    assert early.cards[0].verdict == Verdict.NO_DATA


def test_the_scorecard_verdict_and_headline(client, world):
    plan = approved_plan(world)
    report_on(world, plan, "2018", 380)  # target 404 at the end of 2018: 94 % of the way
    card = plan_scorecard(plan, as_of=date(2019, 1, 10))
    assert card.cards[0].verdict == Verdict.ON_TRACK and card.on_track == 1
    page = client.get(f"/plans/{plan.pk}/scorecard/").content.decode()
    assert "1 of 1 indicators on track" in page
    assert "(baseline − actual) ÷ (baseline − target)" in page  # the rule is on the page
    assert "cumulative: the running total from the baseline" in page


def test_falling_behind_is_at_risk_then_off_track(world):
    plan = approved_plan(world)
    report_on(world, plan, "2018", 300)  # 74 % of 404: at risk with ±15 %
    assert plan_scorecard(plan, as_of=date(2019, 2, 1)).cards[0].verdict == Verdict.AT_RISK
    plan2 = approved_plan(world)
    report_on(world, plan2, "2018", 100)
    assert plan_scorecard(plan2, as_of=date(2019, 2, 1)).cards[0].verdict == Verdict.OFF_TRACK


def test_a_breakdown_that_does_not_add_up_is_flagged(world):
    from aimaq.indicators.models import Category, Dimension

    plan = approved_plan(world)
    sex = Dimension.objects.create(code="sex", name_en="Sex")
    women = Category.objects.create(dimension=sex, code="female", name_en="Women")
    men = Category.objects.create(dimension=sex, code="male", name_en="Men")
    report = start_report(plan, "2018", by=world["editor"])
    row = report.values.get()
    save_report(
        report,
        by=world["editor"],
        actuals={
            row.indicator_id: ActualEntry(
                Decimal(560), breakdown={women.pk: Decimal(300), men.pk: Decimal(200)}
            )
        },
    )
    assert breakdown_flags(report) == {row.pk: ["Sex"]}


def test_progress_rolls_up_through_the_goal_links(world):
    rayon_plan = approved_plan(
        world, title="Nura rayon plan", territory=world["nura"], kind=PlanKind.TERRITORIAL
    )
    rayon_goal = rayon_plan.versions.get().goals.get()
    okrug_plan = approved_plan(world, aligned_to=rayon_goal)
    assert okrug_plan.versions.get().goals.get().aligned_to == rayon_goal
    report_on(world, rayon_plan, "2018", 560)
    report_on(world, okrug_plan, "2018", 100)  # far below the trajectory: off track
    [row] = goal_rollup(rayon_plan.versions.get())
    assert (row.own.total, row.below.total, row.plans_below) == (1, 1, 1)
    assert row.below.off_track == 1
    total, units = territory_rollup(world["karaganda"])
    assert total.total == IndicatorScore.objects.count() == 2
    assert [(unit.territory, unit.counts.total, unit.plans) for unit in units] == [
        (world["nura"], 2, 2)
    ]
    # The national view (what the benchmark times) reads the same figures in a few queries.
    national = national_rollup()
    [national_row] = national["plans"][rayon_plan.pk]
    assert (national_row.own, national_row.below, national_row.plans_below) == (
        row.own,
        row.below,
        row.plans_below,
    )
    national_total, national_units = national["territories"][world["karaganda"].kato]
    assert national_total == total
    assert [(u.territory, u.counts, u.plans) for u in national_units] == [
        (u.territory, u.counts, u.plans) for u in units
    ]


def test_overdue_recommendations_show_on_the_owners_dashboard(client, world):
    plan = approved_plan(world)
    evaluation = add_evaluation(
        plan,
        title="Mid-term",
        completed_on=date(2019, 6, 1),
        by=world["editor"],
        ratings={Criterion.RELEVANCE: (4, "Residents asked for it")},
    )
    publish_evaluation(evaluation, by=world["editor"])
    add_recommendation(
        evaluation,
        text="Publish the figures",
        owner=world["nura_akimat"],
        deadline=date(2019, 9, 1),
        by=world["editor"],
    )
    client.force_login(world["editor"])  # a person of the Nura akimat
    page = client.get("/plans/mine/").content.decode()
    overdue = page.split("Overdue recommendations")[1].split("Reports to review")[0]
    assert "Publish the figures" in overdue
