"""Shared test data: the plans app's world (Nura's and Glubokoe's editors, Zharaspai's draft
plan), Izendi beside Zharaspai, a planning process in each okrug with its chair, and a
resident."""

from __future__ import annotations

from datetime import date
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
