"""The data behind the competition pages the accessibility check visits
(`aimaq.core.registries.register_checked_page(..., build=...)`).

Each builder gets the shared test tree (`small_tree()`: the country, Karaganda oblast, Nura
rayon, Zharaspai okrug, East Kazakhstan, Glubokoe rayon) and, on officials' pages, the
person the check signs in as (an administrator of Karaganda oblast), writes a small but
complete competition through the app's own services, and returns the page's URL arguments.
Names carry `"<'&` so that escaping is seen in every language.

- the **published** competition (public pages): scored, decided, signed by its chair and
  its results published;
- the **running** competition (officials' pages): organised in Karaganda oblast, so the
  administrator runs it, and with the administrator in the chair: their own sheet on one
  application is submitted, beside those of the other members (one of them an outlier).

Each is written once per database (the second page finds it by its English name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from .demo import demo_iin, demo_pdf
from .demo_data import ATTACHMENTS
from .models import (
    ApplicantType,
    Application,
    BudgetLine,
    Channel,
    CommitteeMember,
    Competition,
    Criterion,
    CriterionKind,
    PriorityGroup,
    Quota,
    SeatRole,
    Status,
)

HOSTILE = "\"<'&"
PUBLISHED = f"Published {HOSTILE} competition"
RUNNING = f"Running {HOSTILE} competition"
CRITERIA = (
    # code, kk, ru, en, weight, tie-break order
    ("novelty", "Жаңашылдық", "Новизна", "Novelty", "2", 1),
    ("plan", "Бизнес-жоспар сапасы", "Качество бизнес-плана", "Business plan quality", "3", 2),
    ("jobs", "Жаңа жұмыс орындары", "Новые рабочие места", "Jobs created", "2", None),
)
GROUPS = ("public", "business", "civil", "public", "business", "civil")
APPLICATIONS = (
    # business (ru), applicant, requested, own, territory key, scores
    ("Пекарня «Нан & К°»", 'ИП "Ахметова <А.>"', 900_000, 150_000, "nura", 8),
    ("Швейный цех «Ақ жол»", "ИП Ким & сыновья", 1_000_000, 150_000, "glubokoe", 7),
    ("Теплица «Жасыл <сад>»", 'ТОО "Жасыл\'"', 700_000, 100_000, "nura", 6),
    ("Мастерская «Шебер»", "ИП Оспанов", 1_100_000, 200_000, "glubokoe", 5),
)


def published_competition(tree: Mapping[str, Any], person: Any = None) -> Sequence[object]:
    """The competition whose results are published: its pk."""
    return [_published(tree).pk]


def running_competition(tree: Mapping[str, Any], person: Any) -> Sequence[object]:
    """The competition under scoring, the signed-in administrator in its chair: its pk."""
    return [_running(tree, person).pk]


def scored_application(tree: Mapping[str, Any], person: Any) -> Sequence[object]:
    """The running competition's first application, scored by the chair and the others."""
    competition = _running(tree, person)
    return [competition.applications.order_by("case_number").first().pk]  # type: ignore[union-attr]


def _published(tree: Mapping[str, Any]) -> Competition:
    from .services.decision import draft_decision, sign_decision
    from .services.results import publish_results

    found = Competition.objects.filter(name_en=PUBLISHED).first()
    if found is not None:
        return found
    with transaction.atomic():
        competition = _competition(tree, PUBLISHED, territory=tree["country"], closed=True)
        seats = _committee(competition, chair=None)
        _applications(competition, tree, seats)
        officer = seats[-1].user
        decision = draft_decision(
            competition, by=officer, present=seats, meeting_on=timezone.localdate()
        )
        sign_decision(decision, by=seats[0].user, language="ru")
        publish_results(competition, by=officer, notify_applicants=False)
    return competition


def _running(tree: Mapping[str, Any], person: Any) -> Competition:
    found = Competition.objects.filter(name_en=RUNNING).first()
    if found is not None:
        return found
    with transaction.atomic():
        competition = _competition(tree, RUNNING, territory=tree["karaganda"], closed=True)
        seats = _committee(competition, chair=person)
        _applications(competition, tree, seats, outlier=True)
    return competition


def _competition(
    tree: Mapping[str, Any], name_en: str, *, territory: Any, closed: bool
) -> Competition:
    now = timezone.now()
    competition = Competition.objects.create(
        name_kk=f"Кәсіпкерлікті қолдау {HOSTILE} байқауы",
        name_ru=f"Конкурс поддержки {HOSTILE} предпринимательства",
        name_en=name_en,
        organiser_name_kk=f"«Нұра {HOSTILE}» аудандық әкімдігі",
        organiser_name_ru=f"Акимат «Нура {HOSTILE}» района",
        organiser_name_en=f"Akimat of “Nura {HOSTILE}” rayon",
        territory=territory,
        fund=2_000_000,
        min_budget=500_000,
        max_budget=1_200_000,
        own_share_min=Decimal("10"),
        own_share_max=Decimal("20"),
        applicant_types=list(ApplicantType.values),
        min_total=Decimal("30"),
        quorum=3,
        announced_on=(now - timedelta(days=30)).date(),
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=1) if closed else now + timedelta(days=10),
        committee_on=now.date(),
        results_on=(now + timedelta(days=3)).date(),
        appeals_until=(now + timedelta(days=10)).date(),
        summary_kk=f"Шағын бизнеске {HOSTILE} қаржылай қолдау.",
        summary_ru=f"Финансовая поддержка {HOSTILE} малого бизнеса.",
        summary_en=f"Financial support {HOSTILE} for small businesses.",
        documents_kk="Бизнес-жоспар\nШығындар сметасы",
        documents_ru="Бизнес-план\nСмета расходов",
        documents_en="Business plan\nCost estimate",
        is_published=True,
    )
    competition.eligible_territories.set([tree["nura"], tree["glubokoe"]])
    for order, (code, kk, ru, en, weight, tie) in enumerate(CRITERIA):
        Criterion.objects.create(
            competition=competition, code=code, name_kk=f"{kk} {HOSTILE}", name_ru=ru,
            name_en=en, weight=Decimal(weight), max_score=10, order=order, tie_break=tie,
        )  # fmt: skip
    Criterion.objects.create(
        competition=competition, code="premises", kind=CriterionKind.PASS_FAIL, order=10,
        name_kk="Үй-жайы бар", name_ru="Есть помещение", name_en=f"Has premises {HOSTILE}",
    )  # fmt: skip
    PriorityGroup.objects.create(
        competition=competition, code="youth", bonus=Decimal(2), name_kk="Жастар",
        name_ru="Молодёжь", name_en="Youth",
    )  # fmt: skip
    Quota.objects.create(competition=competition, territory=tree["nura"], reserved=800_000)
    return competition


def _committee(competition: Competition, *, chair: Any) -> list[CommitteeMember]:
    """A chair (`chair`, or a new person), five members of the three interest groups, and
    an officer (the last seat)."""
    from aimaq.accounts.models import User

    seats = []
    for index, group in enumerate(GROUPS):
        user = chair if index == 0 and chair is not None else None
        if user is None:
            user = User.objects.create(
                username=f"grants-{competition.pk}-member{index}",
                first_name=f"Айгүл {HOSTILE}",
                last_name=f"Member{index}",
                email=f"member{index}.{competition.pk}@example.kz",
            )
        seats.append(
            CommitteeMember.objects.create(
                competition=competition,
                user=user,
                interest_group=group,
                role=SeatRole.CHAIR if index == 0 else SeatRole.MEMBER,
                affiliation=f"Организация {HOSTILE}",
            )  # fmt: skip
        )
    officer = User.objects.create(
        username=f"grants-{competition.pk}-officer", first_name="Officer", last_name=HOSTILE
    )
    seats.append(
        CommitteeMember.objects.create(
            competition=competition, user=officer, role=SeatRole.OFFICER, interest_group="civil"
        )
    )
    return seats


def _applications(
    competition: Competition, tree: Mapping[str, Any], seats: list[CommitteeMember], *,
    outlier: bool = False,
) -> None:  # fmt: skip
    """The applications with their documents, submitted and judged (the last asks for more
    than the call allows), each scored by every voting member (one member far from the
    others on the first when `outlier`; the last member declared a conflict on the last
    application); the premises confirmed."""
    from aimaq.core.attachments import attach

    from .permissions import VIEW_APPLICATION
    from .services import gates
    from .services.committee import declare_conflict, save_sheet
    from .services.intake import next_case_number, recompute_totals

    now = timezone.now()
    criteria = list(competition.criteria.filter(kind=CriterionKind.SCORED).order_by("order"))
    minimum = competition.criteria.get(kind=CriterionKind.PASS_FAIL)
    voters = [seat for seat in seats if seat.votes]
    for number, (business, applicant, requested, own, place, value) in enumerate(
        APPLICATIONS, start=1
    ):
        application = Application.objects.create(
            competition=competition, case_number=next_case_number(competition),
            territory=tree[place], status=Status.SUBMITTED, channel=Channel.ONLINE,
            applicant_type=ApplicantType.INDIVIDUAL_ENTREPRENEUR, applicant_name=applicant,
            business_name=business, sector="services", iin=demo_iin(number),
            description=f"Проект {HOSTILE}: оборудование и аренда помещения.",
            phone="+77010000000", address=f"ул. {HOSTILE} 1", jobs_planned=2, language="ru",
            submitted_at=now - timedelta(days=2, minutes=number),
        )  # fmt: skip
        BudgetLine.objects.create(
            application=application, item=f"Оборудование {HOSTILE}", quantity=1,
            unit_cost=requested + own, requested=requested, own=own,
        )  # fmt: skip
        recompute_totals(application)
        application.save()
        (plan, *plan_texts), _identity, estimate = ATTACHMENTS
        for document in ((f"{plan} {HOSTILE}", *plan_texts), estimate):
            attach(application, demo_pdf(*document), by=None, read_action=VIEW_APPLICATION)
        gates.judge_automatic(application)
        gates.record_minimum(application, {minimum.pk: (True, HOSTILE)}, by=seats[-1].user)
        if number == 4:
            declare_conflict(application, by=voters[-1].user)
        for index, seat in enumerate(voters):
            if number == 4 and seat is voters[-1]:
                continue
            given = 2 if outlier and number == 1 and index == 2 else value
            save_sheet(
                application,
                {c.pk: Decimal(given) for c in criteria},
                by=seat.user,
                comments={criteria[0].pk: f"Комментарий {HOSTILE}"},
                submit=True,
            )
