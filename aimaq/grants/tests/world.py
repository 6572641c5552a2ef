"""A small competition for the grants tests: the call (on the shared `tree`), its criteria, a
committee of six with an officer, and applications made through the services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from aimaq.grants.demo import demo_iin as valid_iin
from aimaq.grants.models import (
    ApplicantType,
    Application,
    BudgetLine,
    Channel,
    CommitteeMember,
    Competition,
    Criterion,
    CriterionKind,
    SeatRole,
    Status,
)
from aimaq.grants.services import gates
from aimaq.grants.services.intake import next_case_number, recompute_totals
from aimaq.testing.people import UserFactory


def make_competition(tree: dict, **fields: Any) -> Competition:
    now = timezone.now()
    values: dict[str, Any] = {
        "name_kk": "Кәсіпкерлікті қолдау байқауы",
        "name_ru": "Конкурс поддержки предпринимательства",
        "name_en": "Entrepreneurship support competition",
        "territory": tree["country"],
        "fund": 12_000_000,
        "min_budget": 500_000,
        "max_budget": 1_200_000,
        "own_share_min": Decimal("10"),
        "own_share_max": Decimal("20"),
        "applicant_types": list(ApplicantType.values),
        "min_total": Decimal("30"),
        "quorum": 3,
        "announced_on": (now - timedelta(days=20)).date(),
        "opens_at": now - timedelta(days=10),
        "closes_at": now + timedelta(days=10),
        "is_published": True,
    }
    values.update(fields)
    competition = Competition.objects.create(**values)
    competition.eligible_territories.set([tree["nura"], tree["glubokoe"]])
    for order, (code, weight, tie) in enumerate(
        (("novelty", "2", 1), ("plan", "3", 2), ("jobs", "1", None))
    ):
        Criterion.objects.create(
            competition=competition, code=code, weight=Decimal(weight), max_score=10,
            order=order, tie_break=tie, name_en=code.title(), name_ru=code, name_kk=code,
        )  # fmt: skip
    return competition


def add_minimum_criterion(competition: Competition) -> Criterion:
    return Criterion.objects.create(
        competition=competition, code="premises", kind=CriterionKind.PASS_FAIL,
        name_en="Has premises", name_ru="Есть помещение", name_kk="Үй-жайы бар",
    )  # fmt: skip


def make_committee(competition: Competition, groups=("public", "business", "civil") * 2) -> dict:
    """A chair and members from `groups` (the first is the chair), and an officer."""
    seats = {}
    for index, group in enumerate(groups):
        role = SeatRole.CHAIR if index == 0 else SeatRole.MEMBER
        user = UserFactory.create(email=f"member{index}@example.kz")
        seats[f"m{index}"] = CommitteeMember.objects.create(
            competition=competition, user=user, role=role, interest_group=group
        )
    officer = UserFactory.create()
    seats["officer"] = CommitteeMember.objects.create(
        competition=competition, user=officer, role=SeatRole.OFFICER, interest_group="civil"
    )
    return seats


def make_application(
    competition: Competition,
    territory: Any,
    *,
    requested: int = 1_000_000,
    own: int = 150_000,
    number: int = 1,
    status: str = Status.SUBMITTED,
    applicant: Any = None,
    judge: bool = True,
    **fields: Any,
) -> Application:
    """An application with one budget line (requested + own), submitted a minute ago (or as
    `status` says), its automatic gates judged."""
    values: dict[str, Any] = {
        "applicant_type": ApplicantType.INDIVIDUAL_ENTREPRENEUR,
        "applicant_name": f"Applicant {number}",
        "business_name": f"Business {number}",
        "sector": "services",
        "description": f"Project {number}: a bakery, a sewing workshop and a greenhouse "
        * (number % 3 + 1),
        "iin": valid_iin(number),
        "phone": "+77010000000",
        "email": f"applicant{number}@example.kz",
        "address": "Village street 1",
        "jobs_planned": 2,
        "channel": Channel.ONLINE,
        "language": "en",
    }
    values.update(fields)
    application = Application.objects.create(
        competition=competition,
        case_number=next_case_number(competition),
        territory=territory,
        status=status,
        applicant=applicant,
        submitted_at=timezone.now() - timedelta(minutes=60 - number % 60)
        if status != Status.DRAFT
        else None,
        **values,
    )
    BudgetLine.objects.create(
        application=application, item="Equipment", quantity=1, unit_cost=requested + own,
        requested=requested, own=own,
    )  # fmt: skip
    recompute_totals(application)
    application.save()
    if judge and status == Status.SUBMITTED:
        gates.judge_automatic(application)
    return application


def score_all(application: Application, seats: dict, values: dict[str, float], *, skip=()) -> None:
    """Every voting member (but `skip`) submits the same scores (criterion code → score)."""
    from aimaq.grants.services.committee import save_sheet

    criteria = {c.code: c.pk for c in application.competition.criteria.filter(kind="scored")}
    for key, member in seats.items():
        if key == "officer" or key in skip or not member.votes:
            continue
        save_sheet(
            application,
            {criteria[code]: Decimal(str(v)) for code, v in values.items()},
            by=member.user,
            submit=True,
        )
