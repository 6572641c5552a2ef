"""Shared test data: the plans app's world (Nura's and Glubokoe's editors, Zharaspai's draft
plan), Izendi beside Zharaspai, a planning process in each okrug with its chair, and a
resident."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aimaq.accounts.models import User
from aimaq.plans.tests.world import good_plan, plan_world
from aimaq.territories.models import Level
from aimaq.testing.people import UserFactory
from aimaq.testing.territories import TerritoryFactory

from ..choices import BodyKind, Seat, Sector, Sex
from ..models import Participant, PlanningProcess
from ..services.process import create_process, seat_member


def resident(
    territory, name: str = "Aigerim", *, sex: str = Sex.FEMALE, birth_year: int = 1990
) -> User:
    """A resident with an account and a participant record."""
    user = UserFactory.create(first_name=name, email=f"{name.lower()}@example.kz")
    Participant.objects.create(
        full_name=f"{name} Resident", residence=territory, sex=sex, birth_year=birth_year, user=user
    )
    return user


def chair_of(
    process: PlanningProcess,
    name: str,
    *,
    kind: str = BodyKind.COMMITTEE,
    theme: str = "general",
    by: User,
) -> User:
    user = resident(process.territory, name, sex=Sex.MALE, birth_year=1975)
    body = process.bodies.get(kind=kind, theme=theme)
    seat_member(body, participant=user.participant, seat=Seat.CHAIR, sector=Sector.AKIMAT, by=by)
    return user


def participation_world(*, with_plan: bool = True) -> dict[str, Any]:
    world = plan_world()
    editor = world["editor"]
    world["izendi"] = TerritoryFactory.create(
        kato="355253000",
        parent=world["nura"],
        level=Level.RURAL_OKRUG,
        name_en="Izendi",
        name_ru="Изендинский сельский округ",
        name_kk="Изенді ауылдық округі",
    )
    world["plan"] = good_plan(world) if with_plan else None
    world["process"] = create_process(
        territory=world["zharaspai"],
        name={"en": "Inclusive planning of Zharaspai", "kk": "Жараспай инклюзивті жоспарлау"},
        plan=world["plan"],
        starts_on=date(2017, 8, 1),
        is_published=True,
        by=editor,
    )
    world["izendi_process"] = create_process(
        territory=world["izendi"],
        name={"en": "Inclusive planning of Izendi"},
        is_published=True,
        by=editor,
    )
    world["chair"] = chair_of(world["process"], "Bagzhan", by=editor)
    world["izendi_chair"] = chair_of(world["izendi_process"], "Yerlan", by=editor)
    world["resident"] = resident(world["zharaspai"])
    return world


# --- the participatory budget ------------------------------------------------------------


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


PHASES = ("proposals_from", "proposals_to", "review_to", "voting_from", "voting_to", "results_on")


def close_voting(call) -> None:
    """Moves every phase of `call` back by the same days, so that its voting closed
    yesterday and its list of ballots is public."""
    shift = call.voting_to - _today() + timedelta(days=1)
    type(call).objects.filter(pk=call.pk).update(
        **{phase: getattr(call, phase) - shift for phase in PHASES}
    )
    call.refresh_from_db()


def voting_day() -> date:
    """A day in the voting phase of budget_world's call (its review phase is today)."""
    return _today() + timedelta(days=15)


def budget_world(
    *,
    rule: str = "single",
    costs: tuple[int, ...] = (4_000_000, 3_000_000, 2_000_000),
    envelope: int = 6_000_000,
    max_choices: int = 2,
    overflow: str = "skip",
) -> dict[str, Any]:
    """Zharaspai (small tree), Nura's editor, a published call whose expert review is today
    and whose voting phase holds voting_day() (online by phone code, paper always), with one
    feasible project per cost."""
    from aimaq.accounts.models import Role
    from aimaq.testing.people import user_with_role
    from aimaq.testing.territories import small_tree

    from ..services.budget import create_call, publish_call, review_project, submit_project

    today = _today()
    world: dict[str, Any] = dict(small_tree())
    editor = user_with_role(Role.EDITOR, world["nura"])
    call = create_call(
        territory=world["zharaspai"],
        name={"en": "People's budget of Zharaspai", "kk": "Жараспай халық бюджеті"},
        envelope=envelope,
        rule=rule,
        max_choices=max_choices,
        overflow=overflow,
        online_check="phone_code",
        proposals_from=today - timedelta(days=40),
        proposals_to=today - timedelta(days=20),
        review_to=today + timedelta(days=5),
        voting_from=today + timedelta(days=10),
        voting_to=today + timedelta(days=40),
        results_on=today + timedelta(days=50),
        implementation_year=today.year + 1,
        by=editor,
    )
    publish_call(call, by=editor)
    projects = []
    for number, cost in enumerate(costs, start=1):
        author = Participant.objects.create(
            full_name=f"Author {number}",
            residence=world["zharaspai"],
            sex=Sex.FEMALE,
            birth_year=1980,
        )
        project = submit_project(
            call,
            author=author,
            title=f"Project {number}",
            description="A playground",
            author_cost=cost,
            today=today - timedelta(days=30),
            by=editor,
        )
        projects.append(project)
    for project, cost in zip(projects, costs, strict=True):
        review_project(project, feasible=True, cost=cost, by=editor)
    world.update(editor=editor, call=call, projects=projects)
    return world
