"""Scoring and the committee's composition: the score is the mean of the members' weighted
totals (members with a conflict excluded) plus priority bonuses; outlying scores are
flagged; a decision needs a quorum after recusals and no interest group above 49 %."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.grants.models import PriorityGroup
from aimaq.grants.rules.scoring import (
    CriterionRule,
    application_score,
    composition,
    outliers,
    score_from_sums,
    score_from_tenths,
    sheet_total,
)
from aimaq.grants.selectors.ranking import competition_rows
from aimaq.grants.services.committee import declare_conflict
from aimaq.grants.services.decision import composition_problems, draft_decision, sign_decision
from aimaq.grants.tests.world import make_application, make_committee, make_competition, score_all
from aimaq.testing.properties import examples

CRITERIA = [CriterionRule("novelty", Decimal(2), 10, 1), CriterionRule("plan", Decimal(3), 10, 2)]
D = Decimal


def test_a_sheet_total_is_the_weighted_sum():
    assert sheet_total({"novelty": D(7), "plan": D("8.5")}, CRITERIA) == D("39.50")


def test_the_score_is_the_mean_of_the_totals_plus_the_bonus_rounded_once():
    sheets = [
        {"novelty": D(7), "plan": D(8)},
        {"novelty": D(8), "plan": D(8)},
        {"novelty": D(8), "plan": D(9)},
    ]
    score = application_score(sheets, CRITERIA, D(3))
    assert score.total == D("43.33")  # (38 + 40 + 43) / 3 = 40.333… + 3
    assert score.means == {"novelty": D("7.67"), "plan": D("8.33")}
    assert application_score([], CRITERIA) is None


@settings(max_examples=examples(30), deadline=None, database=None)
@given(
    weights=st.lists(st.integers(0, 1000), min_size=1, max_size=8),
    count=st.integers(1, 15),
    data=st.data(),
    bonus=st.integers(0, 1000),
)
def test_whole_number_scores_equal_the_decimal_arithmetic(weights, count, data, bonus):
    """The committee's table computes scores from the summaries in whole numbers; they
    must equal the Decimal arithmetic of `score_from_sums` to the cent, halves included."""
    rules = [CriterionRule(f"c{i}", D(w) / 100, 10) for i, w in enumerate(weights)]
    tenths = [data.draw(st.integers(0, 100 * count)) for _ in rules]
    sums = {r.code: D(t) / 10 for r, t in zip(rules, tenths, strict=True)}
    extra = D(bonus) / 100
    assert score_from_tenths(tenths, count, rules, extra) == score_from_sums(
        sums, count, rules, extra
    )


def test_a_score_far_from_the_others_mean_is_flagged():
    sheets = {
        "a": {"novelty": D(5), "plan": D(7)},
        "b": {"novelty": D(5), "plan": D(8)},
        "c": {"novelty": D(9), "plan": D(7)},  # 4 above the others' 5: more than 30 % of 10
    }
    assert outliers(sheets, CRITERIA, D(30)) == {("c", "novelty")}
    assert outliers(sheets, CRITERIA, D(40)) == set()


def test_the_leader_rule_no_group_above_49_percent():
    lawful = composition(
        ["public", "public", "public", "business", "business", "civil", "civil"],
        quorum=5,
        max_share=D(49),
    )
    assert lawful.ok and lawful.shares["public"] == D("42.86")
    four_of_seven = composition(
        ["public"] * 4 + ["business", "civil", "civil"], quorum=5, max_share=D(49)
    )
    assert [r.code for r in four_of_seven.problems] == ["group_share"]
    half = composition(["public", "public", "civil", "business"], quorum=3, max_share=D(49))
    assert not half.ok  # 50 % is more than 49 %
    too_few = composition(["public", "civil", "business"], quorum=5, max_share=D(49))
    assert [r.code for r in too_few.problems] == ["quorum"]


# --- with the database --------------------------------------------------------------------


@pytest.fixture
def competition(tree):
    return make_competition(tree, fund=3_000_000)


def test_a_conflicted_members_sheet_is_withdrawn_from_the_mean(competition, tree):
    seats = make_committee(competition)
    application = make_application(competition, tree["nura"], number=1)
    score_all(application, seats, {"novelty": 6, "plan": 6, "jobs": 6})
    before = competition_rows(competition).rows[0].score
    assert before.sheets == 6 and before.total == D("36.00")
    declare_conflict(application, by=seats["m1"].user)
    after = competition_rows(competition).rows[0].score
    assert after.sheets == 5 and after.total == D("36.00")


def test_the_database_sums_give_the_same_scores_as_the_sheets_one_by_one(competition, tree):
    """The ranking sums the scores each sheet keeps (`ScoreSheet.values`, written with the
    scores); each score must equal the mean of the sheets computed one by one (a conflicted member's and an incomplete sheet left out)."""
    from aimaq.grants.models import ScoreSheet
    from aimaq.grants.services.committee import (
        application_scores,
        criterion_rules,
        scored_criteria,
        submitted_sheets,
    )

    seats = make_committee(competition)
    values = [(7.5, 8, 6.5), (9, 9.5, 3), (4, 6.5, 7)]
    applications = [make_application(competition, tree["nura"], number=n) for n in (1, 2, 3)]
    for application, (a, b, c) in zip(applications, values, strict=True):
        score_all(application, seats, {"novelty": a, "plan": b, "jobs": c}, skip=("m3",))
    score_all(applications[0], {"m3": seats["m3"]}, {"novelty": 2.5, "plan": 9, "jobs": 1})
    declare_conflict(applications[1], by=seats["m2"].user)
    sheet = ScoreSheet.objects.get(application=applications[2], member=seats["m4"])
    # An incomplete sheet (a criterion added after it was scored) counts for none.
    sheet.scores.filter(criterion__code="jobs").delete()
    sheet.values.pop("jobs")
    sheet.save()
    rules = criterion_rules(scored_criteria(competition))
    by_sheets = {
        application_id: application_score(
            [s for s in sheets.values() if len(s) == len(rules)], rules
        )
        for application_id, sheets in submitted_sheets(competition).items()
    }
    assert application_scores(competition) == by_sheets
    assert [by_sheets[a.pk].sheets for a in applications] == [6, 4, 4]


def test_priority_bonus_points_are_added_to_the_score(competition, tree):
    seats = make_committee(competition)
    youth = PriorityGroup.objects.create(
        competition=competition, code="youth", bonus=D("2.5"), name_en="Youth"
    )
    application = make_application(competition, tree["nura"], number=1)
    application.priority_groups.add(youth)
    score_all(application, seats, {"novelty": 6, "plan": 6, "jobs": 6})
    assert competition_rows(competition).rows[0].score.total == D("38.50")


def test_recusals_that_break_the_composition_stop_the_chair_from_signing(competition, tree):
    # Three public authorities, one business, one civil society among six voters.
    seats = make_committee(
        competition, groups=("civil", "public", "public", "public", "business", "civil")
    )
    application = make_application(competition, tree["nura"], number=1)
    score_all(application, seats, {"novelty": 8, "plan": 8, "jobs": 8})
    declare_conflict(application, by=seats["m5"].user)  # a civil member steps out: 3 of 5 public
    decision = draft_decision(
        competition, by=seats["officer"].user, present=list(competition.members.all())
    )
    problems = composition_problems(decision)
    assert len(problems) == 1 and "G" in problems[0] and "49" in problems[0]
    with pytest.raises(ValidationError):
        sign_decision(decision, by=seats["m0"].user)
    decision.refresh_from_db()
    assert not decision.is_signed


def test_the_stored_summaries_follow_sheets_conflicts_and_criteria(competition, tree):
    """What the committee's table reads (`ScoreSummary`, kept by the services) equals the
    scores computed from scratch from the sheets after each kind of change: sheets
    submitted and rescored, a conflict declared, a weight changed, a minimum criterion
    added (every application pending until checked) and then checked."""
    from aimaq.grants.models import Criterion, CriterionKind, Gate, ScoreSummary
    from aimaq.grants.services.committee import application_scores, save_sheet
    from aimaq.grants.services.criteria import save_criterion
    from aimaq.grants.services.gates import record_minimum
    from aimaq.grants.services.summaries import criterion_rules, scored_criteria, summary_scores

    def stored():
        return summary_scores(competition, criterion_rules(scored_criteria(competition)))[0]

    seats = make_committee(competition, groups=("public", "business", "civil", "civil"))
    officer = seats["officer"].user
    first, second = (make_application(competition, tree["nura"], number=n) for n in (1, 2))
    score_all(first, seats, {"novelty": 6, "plan": 7.5, "jobs": 5})
    score_all(second, seats, {"novelty": 9, "plan": 4, "jobs": 8}, skip=("m2",))
    assert stored() == application_scores(competition) and len(stored()) == 2
    plan = Criterion.objects.get(competition=competition, code="plan")
    save_sheet(first, {plan.pk: D("1.5")}, by=seats["m3"].user)  # rescored
    declare_conflict(second, by=seats["m3"].user)
    assert stored() == application_scores(competition)
    assert stored()[second.pk].sheets == 2

    plan.weight = D(5)
    save_criterion(plan, by=officer)
    assert stored() == application_scores(competition)
    assert stored()[first.pk].total == ScoreSummary.objects.get(application=first).weighted

    premises = save_criterion(
        Criterion(
            competition=competition, code="premises", kind=CriterionKind.PASS_FAIL,
            name_en="Has premises", name_ru="Есть помещение", name_kk="Үй-жайы бар",
        ),
        by=officer,
    )  # fmt: skip
    assert set(ScoreSummary.objects.values_list("minimum_passed", flat=True)) == {None}
    assert first.gates.get(gate=Gate.MINIMUM).passed is None
    record_minimum(first, {premises.pk: (False, "")}, by=officer)
    assert ScoreSummary.objects.get(application=first).minimum_passed is False
    row = next(r for r in competition_rows(competition).rows if r.application.pk == first.pk)
    assert row.failed_gate == Gate.MINIMUM and row.rank is None


def test_the_best_use_answers_beside_the_ranking_page(client, competition, tree):
    """The ranking page answers without solving the best use; htmx (or a link) loads it
    from its own address, which names what the ranking rule leaves on the table."""
    seats = make_committee(competition, groups=("public", "business", "civil"))
    for number, (requested, score) in enumerate(((1_000_000, 9), (900_000, 8)), start=1):
        application = make_application(competition, tree["nura"], number=number,
                                        requested=requested, own=requested * 15 // 85)  # fmt: skip
        score_all(application, seats, {"novelty": score, "plan": score, "jobs": score})
    client.force_login(seats["m1"].user)
    page = client.get(f"/grants/{competition.pk}/ranking/").content.decode()
    best_url = f"/grants/{competition.pk}/ranking/best-use/"
    assert f'hx-get="{best_url}"' in page and "Left on the table" not in page
    best = client.get(best_url, headers={"HX-Request": "true"}).content.decode()
    assert "Left on the table by the ranking rule" in best and "<html" not in best
    assert "<html" in client.get(best_url).content.decode()
