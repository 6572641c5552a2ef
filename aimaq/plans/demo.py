"""Demo plans built from the sources' facts (see /shared/sources: the EU projects' news on
inclusive planning in Nura, Glubokoe and Shemonaikha rayons), through the app's own services
so that every plan passes the quality check, is agreed, approved and logged like a real one.

What is a public fact carries a "traced from" link to the source ("Source: …"); everything
else — amounts, dates, decision numbers, most indicator values — is demo data, and every demo
plan says so in its passport and is marked `is_demo`. Running the loader again changes
nothing: a plan whose title exists in its territory is left alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aimaq.accounts.demo import DEMO_PASSWORD, demo_password_hash
from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant, User
from aimaq.core.activity import logged_together
from aimaq.core.registries import DemoOutcome
from aimaq.territories.models import Territory

from .demo_data import (
    EAST,
    FACT,
    NURA,
    OKRUGS,
    ZHARASPAI,
    PlanSpec,
)
from .models import Approver, FundingSource, Goal, Plan, PlanVersion, Problem
from .services import (
    Source,
    add_action,
    add_goal,
    add_indicator,
    add_outcome,
    add_output,
    add_problem,
    add_swot_item,
    approve,
    create_plan,
    move,
    set_envelope,
    set_section_text,
    split_targets,
    trace,
)
from .sources import ensure_funding_sources


def load_demo_plans() -> DemoOutcome:
    """Nura rayon's plan, Zharaspai's and the other pilot okrugs' inclusive plans aligned to
    it, and an East Kazakhstan programme with a year of quarterly reports and an evaluation."""
    with logged_together():  # one transaction; its log entries written together
        sources = ensure_funding_sources()
        actor = User.objects.filter(is_superuser=True).order_by("pk").first()
        if actor is None or not Territory.objects.filter(kato=ZHARASPAI.kato).exists():
            return DemoOutcome("no demo territories or administrator: no plans")
        bodies = _bodies()
        logins = _approvers(bodies)
        from .demo_monitoring import MONITORS

        made = []
        made.append(_plan(NURA, actor, sources, bodies))
        nura_goals = _goals_of(NURA)
        for spec in (ZHARASPAI, *OKRUGS):
            made.append(_plan(spec, actor, sources, bodies, aligned=nura_goals))
        made.append(_plan(EAST, actor, sources, bodies))
        for plan in filter(None, made):
            monitor = MONITORS.get(plan.territory.kato)
            if monitor is not None:
                monitor(plan, actor, sources)
        made = [plan for plan in made if plan is not None]
    summary = f"{len(made)} demo plans (facts from the sources traced, the rest marked demo)"
    return DemoOutcome(summary, tuple(logins))


def _bodies() -> dict[str, Organisation]:
    """The approving bodies (maslikhats) the plans name, made where missing."""
    found = {}
    for key, kato, kk, ru, en in (
        (
            "nura",
            "355200000",
            "Нұра аудандық мәслихаты",
            "Нуринский районный маслихат",
            "Maslikhat of Nura rayon",
        ),
        (
            "glubokoe",
            "634000000",
            "Глубокое аудандық мәслихаты",
            "Глубоковский районный маслихат",
            "Maslikhat of Glubokoe rayon",
        ),
        (
            "shemonaikha",
            "636800000",
            "Шемонаиха аудандық мәслихаты",
            "Шемонаихинский районный маслихат",
            "Maslikhat of Shemonaikha rayon",
        ),
        (
            "east",
            "630000000",
            "Шығыс Қазақстан облыстық мәслихаты",
            "Восточно-Казахстанский областной маслихат",
            "Maslikhat of East Kazakhstan oblast",
        ),
    ):
        territory = Territory.objects.current().filter(kato=kato).first()
        if territory is None:
            continue
        found[key], _created = Organisation.objects.get_or_create(
            kind=OrganisationKind.MASLIKHAT,
            territory=territory,
            name_en=en,
            defaults={"name_kk": kk, "name_ru": ru},
        )
    return found


def _approvers(bodies: dict[str, Organisation]) -> list[str]:
    """Approver seats: the Karaganda deputy of the accounts demo for Karaganda oblast, and a
    deputy of East Kazakhstan's maslikhat (added here) for that oblast."""
    lines = []
    karaganda = Territory.objects.current().filter(kato="350000000").first()
    deputy = User.objects.filter(username="maslikhat.karaganda").first()
    if deputy and karaganda and "nura" in bodies:
        Approver.objects.get_or_create(
            user=deputy, territory=karaganda, defaults={"body": bodies["nura"]}
        )
        lines.append("maslikhat.karaganda — also approves plans of Karaganda oblast")
    east = Territory.objects.current().filter(kato="630000000").first()
    if east and "east" in bodies:
        person = User.objects.filter(username="maslikhat.east").first()
        if person is None:
            person = User(
                username="maslikhat.east",
                first_name="Gulnara",
                last_name="Omarova",
                preferred_language="ru",
                organisation=bodies["east"],
                position="Secretary of the maslikhat",
            )
            person.password = demo_password_hash()
            person.save()
        RoleGrant.objects.get_or_create(user=person, role=Role.VIEWER, territory=east)
        Approver.objects.get_or_create(
            user=person, territory=east, defaults={"body": bodies["east"]}
        )
        lines.append(f"maslikhat.east / {DEMO_PASSWORD} — approves plans of East Kazakhstan oblast")
    return lines


def _owner(spec: PlanSpec, territory: Territory) -> Organisation:
    owner = Organisation.objects.filter(kind=OrganisationKind.AKIMAT, territory=territory).first()
    if owner is None:
        owner = Organisation.objects.create(
            kind=OrganisationKind.AKIMAT,
            territory=territory,
            name_kk=f"{territory.name_kk} әкімінің аппараты",
            name_ru=f"Аппарат акима: {territory.name_ru}",
            name_en=f"Akimat of {territory.name_en}",
        )
    return owner


_ALIGN: dict[str, Any] = {}


def _goals_of(spec: PlanSpec) -> dict[str, Any]:
    return _ALIGN.get(spec.kato, {})


def _plan(
    spec: PlanSpec, actor: User, sources: dict[str, FundingSource], bodies: dict, aligned=None
) -> Plan | None:
    territory = Territory.objects.current().filter(kato=spec.kato).first()
    if territory is None:
        return None
    existing = Plan.objects.filter(territory=territory, name_en=spec.title["en"]).first()
    if existing is not None:
        earlier = Goal.objects.filter(version__plan=existing).order_by("version__number")
        _ALIGN[spec.kato] = {goal.code: goal for goal in earlier}
        return None
    plan = create_plan(
        territory=territory,
        owner=_owner(spec, territory),
        kind=spec.kind,
        title=spec.title,
        start_year=spec.years[0],
        end_year=spec.years[1],
        by=actor,
        is_demo=True,
    )
    version = plan.versions.get()
    for section, text in spec.texts.items():
        set_section_text(version, section, text, by=actor)
    for area, quadrant, text, fact in spec.swot:
        item = add_swot_item(version, quadrant=quadrant, text=text, focus_area=area, by=actor)
        if fact:
            trace(item, FACT, by=actor)
    cores: dict[str, Problem] = {}
    for key, core_key, role, area, text, evidence, fact in spec.problems:
        problem = add_problem(
            version,
            text=text,
            role=role,
            core=cores.get(core_key),
            focus_area=area,
            evidence_indicator=_indicator(evidence),
            evidence_note="",
            by=actor,
        )
        cores[key] = problem
        if fact:
            trace(problem, FACT, by=actor)
    goals = {}
    for goal_spec in spec.goals:
        goal = add_goal(
            version,
            name=goal_spec.name,
            focus_area=goal_spec.area,
            aligned_to=(aligned or {}).get(goal_spec.serves),
            problems=[cores[k] for k in goal_spec.problems],
            by=actor,
        )
        goals[goal.code] = goal
        outcome = add_outcome(goal, name=goal_spec.outcome, by=actor)
        output = add_output(outcome, name=goal_spec.output, by=actor)
        for ind in goal_spec.indicators:
            indicator = add_indicator(
                version,
                outcome=outcome,
                name=ind.name,
                unit=ind.unit,
                unit_kind=ind.unit_kind,
                indicator=_indicator(ind.linked),
                direction=ind.direction,
                baseline=ind.baseline,
                baseline_year=spec.years[0] - 1,
                target_value=ind.target,
                frequency=ind.frequency,
                rule=ind.rule,
                decimals=ind.decimals,
                by=actor,
            )
            split_targets(indicator, by=actor)
        for act in goal_spec.actions:
            action = add_action(
                version,
                name=act.name,
                output=output,
                responsible=plan.owner,
                starts_on=act.starts,
                ends_on=act.ends,
                status=act.status,
                percent_done=act.done,
                costs={(year, sources[code]): amount for year, code, amount in act.costs},
                by=actor,
            )
            if act.fact:
                trace(action, FACT, by=actor)
    for year, code, amount in spec.envelopes:
        set_envelope(version, year=year, source=sources[code], amount=amount, by=actor)
    _ALIGN[spec.kato] = goals
    _approve(version, spec, actor, bodies)
    return plan


def _indicator(code: str | None):
    if not code:
        return None
    from aimaq.indicators.models import Indicator

    return Indicator.objects.filter(code=code).first()


def _approve(version: PlanVersion, spec: PlanSpec, actor: User, bodies: dict) -> None:
    move(version, "consultation", by=actor)
    move(version, "agreed", by=actor, agreed_on=spec.agreed_on, note=spec.agreement_note)
    seat = Approver.objects.filter(territory__in=_ancestors(version.plan.territory)).first()
    if seat is None:
        return
    approve(
        version,
        by=seat.user,
        body=bodies.get(spec.body) or seat.body,
        decision_number=spec.decision,
        decision_date=spec.decided_on,
    )
    if spec.implementing:
        move(version, "in_implementation", by=actor)


def _ancestors(territory: Territory) -> list[Territory]:
    found = [territory]
    while territory.parent is not None:
        territory = territory.parent
        found.append(territory)
    return found


__all__ = ["Source", "date", "load_demo_plans"]
