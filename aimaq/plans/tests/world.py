"""Shared test data for the plans app: the small territory tree, the organisations and people
around a rural okrug plan, and a plan that passes the quality check."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from aimaq.accounts.models import Organisation, OrganisationKind, Role
from aimaq.testing.people import UserFactory, user_with_role
from aimaq.testing.territories import small_tree

from ..models import (
    Approver,
    CumulativeRule,
    Direction,
    Frequency,
    Plan,
    PlanKind,
    SwotQuadrant,
    UnitKind,
)
from ..services import (
    add_action,
    add_goal,
    add_indicator,
    add_outcome,
    add_output,
    add_problem,
    add_swot_item,
    create_plan,
    set_envelope,
    split_targets,
)
from ..sources import ensure_funding_sources


def organisation(kind: str, territory, name: str) -> Organisation:
    return Organisation.objects.create(
        kind=kind, territory=territory, name_en=name, name_ru=name, name_kk=name
    )


def plan_world() -> dict[str, Any]:
    """Territories, organisations, people (an editor of Nura, one of Glubokoe, a manager of
    Nura, an approver seated for Nura's maslikhat, a person with no role) and the sources."""
    world: dict[str, Any] = dict(small_tree())
    world["nura_akimat"] = organisation(OrganisationKind.AKIMAT, world["nura"], "Nura akimat")
    world["zharaspai_akimat"] = organisation(
        OrganisationKind.AKIMAT, world["zharaspai"], "Zharaspai akimat"
    )
    world["glubokoe_akimat"] = organisation(
        OrganisationKind.AKIMAT, world["glubokoe"], "Glubokoe akimat"
    )
    world["maslikhat"] = organisation(OrganisationKind.MASLIKHAT, world["nura"], "Nura maslikhat")
    world["editor"] = user_with_role(Role.EDITOR, world["nura"], organisation=world["nura_akimat"])
    world["other_editor"] = user_with_role(Role.EDITOR, world["glubokoe"])
    world["manager"] = user_with_role(Role.MANAGER, world["nura"])
    world["approver"] = UserFactory.create(organisation=world["maslikhat"])
    Approver.objects.create(
        user=world["approver"], territory=world["nura"], body=world["maslikhat"]
    )
    world["nobody"] = UserFactory.create()
    world["sources"] = ensure_funding_sources()
    return world


def good_plan(
    world: dict[str, Any],
    *,
    title: str = "Zharaspai inclusive plan",
    territory: Any = None,
    kind: str = PlanKind.RURAL_INCLUSIVE,
    aligned_to: Any = None,
) -> Plan:
    """A 2018–2020 okrug plan (or, given `territory` and `kind`, another) that passes the
    quality check: one goal (serving `aligned_to`), its outcome measured by a cumulative
    indicator with split targets, an output, an action costed within its envelope."""
    by = world["editor"]
    okrug = world["sources"]["okrug-budget"]
    plan = create_plan(
        territory=territory or world["zharaspai"],
        owner=world["zharaspai_akimat"] if territory is None else world["nura_akimat"],
        kind=kind,
        title={"en": title, "kk": "Жараспай ауылдық округінің инклюзивті жоспары"},
        start_year=2018,
        end_year=2020,
        by=by,
    )
    add_swot_item(plan, quadrant=SwotQuadrant.WEAKNESS, text="No mobile network", by=by)
    problem = add_problem(plan, text="No mobile network in the okrug", by=by)
    goal = add_goal(
        plan,
        name={"en": "Connected villages", "kk": "Байланысы бар ауылдар"},
        problems=[problem],
        aligned_to=aligned_to,
        by=by,
    )
    outcome = add_outcome(goal, name="People have mobile access", by=by)
    output = add_output(outcome, name="Mobile network connected", by=by)
    indicator = add_indicator(
        plan,
        outcome=outcome,
        name={"en": "People with mobile access", "kk": "Ұялы байланысы бар адамдар"},
        unit_kind=UnitKind.NUMBER,
        unit={"en": "people", "kk": "адам"},
        direction=Direction.INCREASE,
        baseline=0,
        baseline_year=2017,
        target_value=1213,
        frequency=Frequency.ANNUAL,
        rule=CumulativeRule.CUMULATIVE,
        by=by,
    )
    split_targets(indicator, by=by)
    add_action(
        plan,
        name={"en": "Connect the mobile network", "kk": "Ұялы байланыс желісін қосу"},
        output=output,
        responsible=world["zharaspai_akimat"],
        starts_on=date(2018, 1, 1),
        ends_on=date(2018, 12, 31),
        costs={(2018, okrug): 1_500_000},
        by=by,
    )
    set_envelope(plan, year=2018, source=okrug, amount=2_000_000, by=by)
    return plan


def approved_plan(world: dict[str, Any], **shape: Any) -> Plan:
    """`good_plan` (of `shape`), taken through consultation and agreement, approved by the
    maslikhat."""
    from ..services import approve, move

    plan = good_plan(world, **shape)
    version = plan.versions.get()
    move(version, "consultation", by=world["editor"])
    move(version, "agreed", by=world["editor"], agreed_on=date(2018, 1, 20))
    approve(
        version,
        by=world["approver"],
        body=world["maslikhat"],
        decision_number="12/3",
        decision_date=date(2018, 2, 1),
    )
    return plan


HUNDRED = Decimal(100)
