"""The participation demo (see demo_data for what is a fact from the sources and what is
demo): the ten pilot territories' planning processes with their committee, three working
groups, first and second meetings and the community meeting (90 in all, 310 people, 42 %
women); Zharaspai's proposals answered and linked to its plan's actions; an Oskemen
participatory-budget call with projects, expert review, online and paper ballots and its
results. Everything is written through the app's services, as the superuser, and marked
demo. Running it again changes nothing: a territory with a demo process, and an existing
demo call, are left alone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from aimaq.accounts.models import Organisation, OrganisationKind, User
from aimaq.core.activity import logged_together
from aimaq.core.registries import DemoOutcome
from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory

from . import demo_data as d
from . import plan_links
from .choices import (
    AgeGroup,
    BallotRule,
    BodyKind,
    Channel,
    CheckMethod,
    MeetingKind,
    MeetingStatus,
    ModerationReason,
    OnlineCheck,
    Overflow,
    Seat,
    Sector,
    Sex,
)
from .identity import verified_voter
from .models import BudgetCall, Participant, PlanningProcess
from .services import budget, meetings, people, process, proposals, voting
from .voters import iins


def load_demo() -> DemoOutcome:
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    if actor is None:
        return DemoOutcome("no administrator: no participation demo")
    with logged_together():  # one transaction; its log entries written together
        donor = _donor_project()
        made = 0
        for number, kato in enumerate(d.PILOTS):
            territory = Territory.objects.current().filter(kato=kato).first()
            if (
                territory is None
                or PlanningProcess.objects.filter(territory=territory, is_demo=True).exists()
            ):
                continue
            _pilot(number, territory, donor, actor)
            made += 1
        call = _oskemen_call(actor)
    parts = [f"{made} demo planning processes (9 meetings each)"]
    if call is not None:
        parts.append(f"the Oskemen call with {call.ballots.count()} ballots")
    return DemoOutcome(", ".join(parts))


def _donor_project() -> Organisation | None:
    country = Territory.objects.current().filter(kato=COUNTRY_CODE).first()
    if country is None:
        return None
    project, _created = Organisation.objects.get_or_create(
        kind=OrganisationKind.DONOR_PROJECT,
        name_en="Greater stakeholder engagement at local level (EU)",
        defaults={
            "territory": country,
            "name_ru": "Расширение участия заинтересованных сторон на местном уровне (ЕС)",
            "name_kk": "Жергілікті деңгейде мүдделі тараптардың қатысуын кеңейту (ЕО)",
        },
    )
    return project


def _pilot(number: int, territory: Territory, donor: Organisation | None, actor: Any) -> None:
    plans = plan_links.plans_in(territory)
    proc = process.create_process(
        territory=territory,
        name={
            "kk": f"{territory.name_kk}: инклюзивті жоспарлау 2017–2018",
            "ru": f"{territory.name_ru}: инклюзивное планирование 2017–2018",
            "en": f"{territory.name_en}: inclusive planning 2017–2018",
        },
        plan=plans[0] if plans else None,
        donor_project=donor,
        starts_on=date(2017, 8, 1),
        ends_on=date(2018, 1, 31),
        is_published=True,
        is_demo=True,
        by=actor,
    )
    folk = [
        people.register_participant(
            full_name=d.person_name(number, i),
            residence=territory,
            sex=Sex.FEMALE if d.is_woman(i) else Sex.MALE,
            birth_year=d.birth_year(i),
            sector=_sector(i),
            consent=bool(d.groups_of(i)),
            groups=d.groups_of(i),
            is_demo=True,
            by=actor,
        )
        for i in range(d.PEOPLE_PER_TERRITORY)
    ]
    bodies = [(proc.bodies.get(kind=BodyKind.COMMITTEE), d.COMMITTEE)] + [
        (proc.bodies.get(kind=BodyKind.WORKING_GROUP, theme=theme), seats)
        for theme, seats in d.WORKING_GROUPS.items()
    ]
    for body, seats in bodies:
        process.seat_members(
            body,
            [(folk[i], Seat.CHAIR if i == seats[0] else Seat.MEMBER, _sector(i)) for i in seats],
            joined_on=date(2017, 8, 20),
            by=actor,
        )
    place = f"{territory.name_ru}, акимат"
    held, came_lists = [], []
    for slot, (body, seats) in enumerate(bodies):
        for second, (kind, days, agenda) in enumerate(
            (
                (MeetingKind.FIRST, d.FIRST_MEETINGS, d.FIRST_AGENDA),
                (MeetingKind.SECOND, d.SECOND_MEETINGS, d.SECOND_AGENDA),
            )
        ):
            held.append(
                {
                    "body": body,
                    "kind": kind,
                    "held_on": days[slot] + timedelta(days=number % 4),
                    "place": place,
                    "agenda": agenda,
                }
            )
            # The members, less one who could not come (never to both), plus two residents.
            came = [folk[i] for i in seats if (i + number + second) % 6 != 1]
            came += [folk[(seats[0] + 9 + k) % len(folk)] for k in (0, 1)]
            came_lists.append(came)
    held.append(
        {
            "body": None,
            "kind": MeetingKind.AGREEMENT,
            "held_on": d.AGREEMENT_DAY + timedelta(days=number % 5),
            "place": f"{territory.name_ru}, дом культуры",
            "agenda": d.AGREEMENT_AGENDA,
        }
    )
    common = {"status": MeetingStatus.HELD, "is_published": True, "is_demo": True}
    *group_meetings, agreement = meetings.record_meetings(
        proc, [spec | common for spec in held], by=actor
    )
    meetings.set_named_attendances(list(zip(group_meetings, came_lists, strict=True)), by=actor)
    extra = number % 3
    meetings.set_counted_attendance(
        agreement,
        {
            (Sex.FEMALE, AgeGroup.YOUNG): 6 + extra,
            (Sex.FEMALE, AgeGroup.MIDDLE): 9,
            (Sex.FEMALE, AgeGroup.OLDER): 5,
            (Sex.MALE, AgeGroup.YOUNG): 8,
            (Sex.MALE, AgeGroup.MIDDLE): 12 + extra,
            (Sex.MALE, AgeGroup.OLDER): 6,
        },
        {"any": 9, "pensioner": 7, "large_family": 3, "disability": 1},
        by=actor,
    )
    done_on = (
        date(2017, 8, 20),
        date(2017, 9, 5),
        date(2017, 10, 10),
        date(2017, 10, 10),
        date(2017, 12, 8),
        date(2017, 12, 8),
        d.AGREEMENT_DAY,
        date(2018, 1, 31),
    )
    process.finish_stages(proc, done_on, by=actor)
    if territory.kato == d.ZHARASPAI:
        _zharaspai_proposals(territory, folk, proc, actor)


def _sector(index: int) -> str:
    if index in (0, 7, 15, 23):
        return Sector.AKIMAT
    return (Sector.MASLIKHAT, Sector.NGO, Sector.BUSINESS, Sector.RESIDENT, Sector.RESIDENT)[
        index % 5
    ]


def _zharaspai_proposals(
    territory: Territory, folk: list[Participant], proc: PlanningProcess, actor: Any
) -> None:
    actions = _plan_actions(proc.plan)
    for n, spec in enumerate(d.ZHARASPAI_PROPOSALS):
        proposal = proposals.submit_proposal(
            author=folk[10 + n],
            territory=territory,
            category=spec["category"],
            kind="problem",
            title=spec["title"],
            text=spec["text"],
            latitude=spec["lat"],
            longitude=spec["lon"],
            is_demo=True,
            by=actor,
        )
        proposals.moderate(proposal, publish=True, reason=ModerationReason.NONE, by=actor)
        for k in range(6 + 3 * n):
            proposals.support(proposal, folk[(12 + n + k * 2) % len(folk)], by=actor)
        proposals.answer(proposal, spec["answer"], by=actor)
        uid = actions.get(spec["action"])
        if uid is not None and proc.plan is not None:
            proposals.link_action(proposal, proc.plan, uid, by=actor)


def _plan_actions(plan: Any) -> dict[str, Any]:
    """The plan's actions answering the mobile network and the clinic, by their English
    names."""
    if plan is None:
        return {}
    found: dict[str, Any] = {}
    for action in plan_links.elements_of(plan_links.shown_version(plan), "action"):
        name = (getattr(action, "name_en", "") or "").lower()
        if "mobile" in name:
            found.setdefault("mobile", action.uid)
        elif "clinic" in name or "doctor" in name or "medical" in name:
            found.setdefault("clinic", action.uid)
    return found


def _oskemen() -> Territory | None:
    spec = d.OSKEMEN
    found = Territory.objects.current().filter(kato=spec["kato"]).first()
    if found is not None:
        return found
    parent = Territory.objects.current().filter(kato="630000000").first()
    if parent is None:
        return None
    return Territory.objects.create(
        kato=spec["kato"],
        level=Level.CITY_OBLAST,
        parent=parent,
        name_kk=spec["kk"],
        name_ru=spec["ru"],
        name_en=spec["en"],
        population=spec["population"],
        population_year=2024,
        centre_lat=spec["lat"],
        centre_lon=spec["lon"],
    )


def _oskemen_call(actor: Any) -> BudgetCall | None:
    if BudgetCall.objects.filter(is_demo=True, name_en=d.OSKEMEN_CALL["name"]["en"]).exists():
        return None
    city = _oskemen()
    if city is None:
        return None
    spec = dict(d.OSKEMEN_CALL)
    name = spec.pop("name")
    call = budget.create_call(
        territory=city,
        name=name,
        description={
            "kk": "Тұрғындар жобаларын ұсынады, сараптама кеңесі қарайды, тұрғындар дауыс береді.",
            "ru": "Жители предлагают проекты, экспертный совет их рассматривает, жители голосуют.",
            "en": "Residents propose projects, an expert council reviews them, residents vote.",
        },
        rule=BallotRule.SINGLE,
        max_choices=1,
        overflow=Overflow.SKIP,
        online_check=OnlineCheck.PHONE_CODE,
        is_demo=True,
        by=actor,
        **spec,
    )
    budget.publish_call(call, by=actor)
    projects = []
    for n, (title, own, reviewed, reasons, _online, _paper) in enumerate(d.OSKEMEN_PROJECTS):
        author = people.register_participant(
            full_name=d.person_name(20 + n, n * 3),
            residence=city,
            sex=Sex.FEMALE if n % 2 else Sex.MALE,
            birth_year=1970 + n * 4,
            is_demo=True,
            by=actor,
        )
        project = budget.submit_project(
            call,
            author=author,
            title=title,
            description=title,
            author_cost=own,
            today=date(2026, 2, 1 + n),
            by=actor,
        )
        budget.review_project(
            project,
            feasible=reviewed is not None,
            cost=reviewed,
            reasons=reasons,
            today=date(2026, 3, 20),
            by=actor,
        )
        projects.append(project)
    costs = voting.ballot_costs(call)
    men, women = iins(born=date(1975, 3, 1)), iins(born=date(1988, 6, 1), female=True)
    for n, project in enumerate(projects):
        online, paper = d.OSKEMEN_PROJECTS[n][4], d.OSKEMEN_PROJECTS[n][5]
        for k in range(online + paper):
            day = date(2026, 4, 1 + (k % 29))
            iin = next(women if (k + n) % 9 in (0, 2, 4, 6, 7) else men)
            if k < online:
                voter = verified_voter(call, iin, method=CheckMethod.PHONE_CODE, on=day)
                voting.cast_ballot(
                    call, voter, [project.pk], channel=Channel.ONLINE, today=day, costs=costs
                )
            else:
                voting.enter_paper_ballot(call, iin, [project.pk], by=actor, today=day)
    budget.publish_results(call, by=actor, today=date(2026, 5, 15))
    return call
