"""The automatic gates judge an application as at its submission: budgets and shares within
the call's ranges with both ends included, a valid IIN or BIN of the right kind, on time,
complete, within the call's scope — each failure with a plain reason."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.grants.demo import demo_bin, demo_iin
from aimaq.grants.rules.gates import ApplicationFacts, CallRules, eligibility, formal, share_within
from aimaq.grants.rules.reasons import reason_text

OPENS = datetime(2018, 10, 16, 4, tzinfo=UTC)
CLOSES = datetime(2018, 11, 12, 12, tzinfo=UTC)
RULES = CallRules(
    fund=12_000_000,
    min_budget=500_000,
    max_budget=1_200_000,
    own_share_min=Decimal(10),
    own_share_max=Decimal(20),
    applicant_types=frozenset({"ie", "small_business", "potential"}),
    eligible_prefixes=("3552", "634"),
    opens_at=OPENS,
    closes_at=CLOSES,
    required_documents=2,
)


def facts(**changes: Any) -> ApplicationFacts:
    values: dict[str, Any] = {
        "applicant_type": "ie",
        "iin": demo_iin(1),
        "bin": "",
        "territory_kato": "355243000",
        "territory_names": {"kk": "Жараспай", "ru": "Жараспай", "en": "Zharaspai"},
        "total_cost": 1_000_000,
        "requested": 850_000,
        "own_contribution": 150_000,
        "budget_lines": 2,
        "submitted_at": CLOSES - timedelta(days=1),
        "documents": 2,
        "texts": {"applicant_name": "A", "business_name": "B", "description": "C"},
    }
    values.update(changes)
    return ApplicationFacts(**values)


def budget(total: int, own: int) -> ApplicationFacts:
    return facts(total_cost=total, own_contribution=own, requested=total - own)


def texts(outcome) -> list[str]:
    with translation.override("en"):
        return [reason_text(reason) for reason in outcome.reasons]


@settings(max_examples=30, deadline=None)
@given(total=st.integers(0, 2_000_000), own_share=st.integers(0, 10_000))
def test_eligibility_holds_exactly_within_the_inclusive_ranges(total, own_share):
    own = total * own_share // 10_000
    passed = eligibility(RULES, budget(total, own)).passed
    within = 500_000 <= total <= 1_200_000 and 10 * total <= 100 * own <= 20 * total
    assert passed is (within and total - own > 0)


@settings(max_examples=30, deadline=None)
@given(total=st.sampled_from([500_000, 500_001, 1_199_999, 1_200_000]), delta=st.integers(-2, 2))
def test_the_share_boundaries_of_10_and_20_percent_are_included(total, delta):
    for limit in (10, 20):
        own = total * limit // 100 + delta
        exact = own * 100 == total * limit
        inside = 10 * total <= 100 * own <= 20 * total
        assert share_within(own, total, Decimal(10), Decimal(20)) is inside
        if exact:
            assert eligibility(RULES, budget(total, own)).passed


def test_budgets_of_exactly_500000_and_1200000_tenge_are_eligible():
    assert eligibility(RULES, budget(500_000, 50_000)).passed  # 10.0 %
    assert eligibility(RULES, budget(1_200_000, 240_000)).passed  # 20.0 %
    assert not eligibility(RULES, budget(499_999, 50_000)).passed
    assert not eligibility(RULES, budget(1_200_001, 200_000)).passed


def test_a_refused_own_contribution_says_what_the_call_allows():
    outcome = eligibility(RULES, budget(1_200_000, 300_000))
    assert not outcome.passed
    assert texts(outcome) == ["Own contribution 25 % — the call allows 10–20 %."]


def test_a_share_just_above_the_limit_never_reads_as_the_limit():
    outcome = eligibility(RULES, budget(1_000_000, 200_040))  # 20.004 %
    assert "20.01 %" in texts(outcome)[0]
    outcome = eligibility(RULES, budget(1_000_000, 99_960))  # 9.996 %
    assert "9.99 %" in texts(outcome)[0]


def test_a_budget_outside_the_range_says_the_range():
    outcome = eligibility(RULES, budget(1_350_000, 200_000))
    assert texts(outcome) == [
        "Project budget 1,350,000 tenge — the call allows 500,000–1,200,000 tenge."
    ]


def test_the_iin_and_bin_are_checked_by_the_official_checksum():
    assert eligibility(RULES, facts(iin="061211600012")).passed  # DESIGN.md's example
    wrong = "061211600013"
    assert texts(eligibility(RULES, facts(iin=wrong))) == [
        "The IIN does not pass the official checksum."
    ]
    business = facts(applicant_type="small_business", iin="", bin="940140000385")
    assert eligibility(RULES, business).passed
    assert eligibility(
        RULES, facts(applicant_type="small_business", iin="", bin=demo_bin(3))
    ).passed


def test_each_kind_of_applicant_is_identified_by_its_own_number():
    outcome = eligibility(RULES, facts(applicant_type="small_business", bin="", iin=demo_iin(2)))
    assert texts(outcome) == [
        "The applicant (small business) is identified by the BIN, which is missing."
    ]
    not_a_bin = demo_iin(4)  # a valid IIN: its fifth digit is no legal entity's type
    outcome = eligibility(RULES, facts(applicant_type="small_business", iin="", bin=not_a_bin))
    assert not outcome.passed


def test_formal_check_late_outside_wrong_type_incomplete_and_repeated():
    outcome = formal(
        RULES,
        facts(
            submitted_at=CLOSES + timedelta(minutes=1),
            territory_kato="630000000",
            applicant_type="legal_entity",
            documents=1,
            budget_lines=0,
            texts={"applicant_name": "A", "business_name": " ", "description": "C"},
            earlier_applications=1,
        ),
    )
    codes = [reason.code for reason in outcome.reasons]
    assert codes == [
        "late",
        "missing_field",
        "no_budget",
        "documents",
        "territory",
        "applicant_type",
        "repeat",
    ]
    assert formal(RULES, facts()).passed
    assert formal(RULES, facts(submitted_at=CLOSES)).passed  # the closing minute is on time


def test_every_reason_reads_in_kazakh_and_russian():
    outcome = eligibility(RULES, budget(1_200_000, 300_000))
    english = texts(outcome)[0]
    for language in ("kk", "ru"):
        with translation.override(language):
            text = reason_text(outcome.reasons[0])
        assert text != english and "25" in text
