"""The grants' part of the hostile-names check (see aimaq/testing/hostile.py): a competition,
its criteria, committee, applications, budget lines and published results whose every
name and text carries the payload; the pages, exports and API answers that show them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from aimaq.grants.demo import demo_iin
from aimaq.grants.models import (
    Application,
    Award,
    BudgetLine,
    CommitteeMember,
    Competition,
    Criterion,
    Decision,
    DecisionLine,
    DecisionStatus,
    Outcome,
    PriorityGroup,
)
from aimaq.grants.services import gates
from aimaq.grants.services.committee import save_sheet
from aimaq.grants.services.intake import recompute_totals
from aimaq.testing.hostile import Target, hostile
from aimaq.testing.people import UserFactory

LANGUAGES = ("kk", "ru", "en")


def _field(name: str, tag: str) -> dict[str, str]:
    return {f"{name}_{lang}": hostile(f"{tag}.{lang}") for lang in LANGUAGES}


def build(world: dict[str, Any]) -> None:
    now = timezone.now()
    competition = Competition.objects.create(
        **_field("name", "competition"),
        **_field("organiser_name", "organiser"),
        **_field("summary", "summary"),
        **_field("documents", "documents"),
        territory=world["oblast"],
        fund=3_000_000,
        min_budget=500_000,
        max_budget=1_200_000,
        own_share_min=Decimal(10),
        own_share_max=Decimal(20),
        applicant_types=["ie", "small_business"],
        quorum=2,
        announced_on=(now - timedelta(days=30)).date(),
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=5),
        is_published=True,
        source=hostile("source"),
    )
    competition.eligible_territories.set([world["rayon"]])
    criterion = Criterion.objects.create(
        competition=competition, code="plan", weight=Decimal(2), max_score=10, tie_break=1,
        **_field("name", "criterion"),
    )  # fmt: skip
    PriorityGroup.objects.create(
        competition=competition, code="youth", bonus=Decimal(1), **_field("name", "group")
    )
    members = []
    for index in range(2):
        user = UserFactory.create(first_name=hostile(f"member.{index}")[:150], last_name="M")
        members.append(CommitteeMember.objects.create(
            competition=competition, user=user, role="chair" if index == 0 else "member",
            interest_group="civil" if index == 0 else "business", affiliation=hostile("affiliation"),
        ))  # fmt: skip
    applications = []
    for index in range(2):
        application = Application.objects.create(
            competition=competition, case_number=f"H-{index}", channel="online",
            status="submitted", applicant_type="ie", applicant_name=hostile(f"applicant.{index}"),
            business_name=hostile(f"business.{index}"), territory=world["rayon"],
            sector="services", description=hostile(f"description.{index}"),
            iin=demo_iin(900 + index), submitted_at=now - timedelta(days=1), language="en",
        )  # fmt: skip
        BudgetLine.objects.create(
            application=application, item=hostile("item"), quantity=1, unit_cost=1_000_000,
            requested=850_000, own=150_000,
        )  # fmt: skip
        recompute_totals(application)
        application.save()
        gates.judge_automatic(application)
        for member in members:
            save_sheet(
                application, {criterion.pk: Decimal(8 - index)}, by=member.user, submit=True,
                comment=hostile("sheet.comment"),
            )  # fmt: skip
        applications.append(application)
    # A signed decision written as the record it is (signing would render its protocol).
    decision = Decision.objects.create(
        competition=competition, status=DecisionStatus.DRAFT, remainder_rule="skip",
        fund=competition.fund, total_awarded=850_000, signed_by=members[0].user, signed_at=now,
        meeting_place=hostile("meeting"),
    )  # fmt: skip
    for rank, (application, outcome) in enumerate(
        zip(applications, (Outcome.SELECTED, Outcome.RESERVE), strict=True), start=1
    ):
        DecisionLine.objects.create(
            decision=decision, application=application, rank=rank, score=Decimal(16 - rank),
            criteria={"plan": "8.00"}, gates={"formal": True}, outcome=outcome,
            amount=850_000 if outcome == Outcome.SELECTED else 0,
        )  # fmt: skip
    Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.SIGNED)
    award = Award.objects.create(
        application=applications[0], decision=decision, amount=850_000,
        ceremony_place=hostile("ceremony"), status_reason=hostile("award.reason"),
    )  # fmt: skip
    competition.results_published_at = now
    competition.save()
    world.update(
        competition=competition, grant_applications=applications, award=award, members=members
    )


def targets(world: dict[str, Any]) -> list[Target]:
    c = world["competition"].pk
    application = world["grant_applications"][0].pk
    return [
        Target("/grants/", "html"),
        Target(f"/grants/{c}/", "html"),
        Target(f"/grants/{c}/results/", "html"),
        Target(f"/grants/{c}/results.csv", "csv"),
        Target(f"/grants/{c}/360giving.json", "json"),
        Target(f"/grants/{c}/360giving.csv", "csv"),
        Target("/api/grants/competitions", "json"),
        Target(f"/api/grants/competitions/{c}", "json"),
        Target(f"/api/grants/competitions/{c}/results", "json"),
        Target(f"/api/grants/competitions/{c}/360giving", "json"),
        Target(f"/grants/{c}/manage/", "html", signed_in=True),
        Target(f"/grants/{c}/ranking/", "html", signed_in=True),
        Target(f"/grants/{c}/ranking/best-use/", "html", signed_in=True),
        Target(f"/grants/{c}/decision/", "html", signed_in=True),
        Target(f"/grants/{c}/committee/", "html", signed_in=True),
        Target(f"/grants/{c}/applications.csv", "csv", signed_in=True),
        Target(f"/grants/applications/{application}/", "html", signed_in=True),
        Target(f"/grants/awards/{world['award'].pk}/", "html", signed_in=True),
        Target(f"/api/grants/competitions/{c}/applications", "json", signed_in=True),
    ]
