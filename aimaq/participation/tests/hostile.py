"""The participation part of the hostile-names check (see aimaq/testing/hostile.py): a
planning process of the hostile rayon, a participant, a held meeting with its place, agenda,
minutes, decision and output, a published proposal with an official answer, and a budget
call with a reviewed project — every text carrying the payload; the public pages, the
officials' pages and the exports that show them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from aimaq.testing.hostile import Target, hostile

from ..choices import BodyKind, MeetingKind, MeetingStatus, OutputKind, Sector, Sex
from ..services import budget, meetings, people, process, proposals

LANGUAGES = ("kk", "ru", "en")


def build(world: dict[str, Any]) -> None:
    by = world["admin"]
    rayon = world["rayon"]
    proc = process.create_process(
        territory=rayon,
        name={lang: hostile(f"process.{lang}") for lang in LANGUAGES},
        is_published=True,
        by=by,
    )
    person = people.register_participant(
        full_name=hostile("participant"),
        residence=rayon,
        sex=Sex.FEMALE,
        birth_year=1980,
        by=by,
    )
    body = proc.bodies.get(kind=BodyKind.COMMITTEE)
    process.seat_member(body, participant=person, sector=Sector.NGO, by=by)
    meeting = meetings.record_meeting(
        proc,
        body=body,
        kind=MeetingKind.FIRST,
        held_on=date(2024, 5, 14),
        place=hostile("meeting.place"),
        agenda=hostile("meeting.agenda"),
        minutes=hostile("meeting.minutes"),
        status=MeetingStatus.HELD,
        is_published=True,
        by=by,
    )
    meetings.set_named_attendance(meeting, [person], by=by)
    meetings.add_decision(meeting, hostile("decision"), by=by)
    meetings.add_output(meeting, kind=OutputKind.GOAL, text=hostile("output"), by=by)
    proposal = proposals.submit_proposal(
        author=person,
        territory=rayon,
        category="roads",
        title=hostile("proposal.title"),
        text=hostile("proposal.text"),
        latitude="49.9",
        longitude="73.1",
        by=by,
    )
    proposals.moderate(proposal, publish=True, by=by)
    proposals.answer(proposal, hostile("answer"), by=by)
    today = timezone.localdate()
    call = budget.create_call(
        territory=rayon,
        name={lang: hostile(f"call.{lang}") for lang in LANGUAGES},
        description={lang: hostile(f"call.description.{lang}") for lang in LANGUAGES},
        envelope=10_000_000,
        rule="single",
        max_choices=1,
        overflow="skip",
        online_check="phone_code",
        proposals_from=today - timedelta(days=40),
        proposals_to=today - timedelta(days=20),
        review_to=today + timedelta(days=5),
        voting_from=today + timedelta(days=10),
        voting_to=today + timedelta(days=40),
        results_on=today + timedelta(days=50),
        implementation_year=today.year + 1,
        by=by,
    )
    budget.publish_call(call, by=by)
    project = budget.submit_project(
        call,
        author=person,
        title=hostile("project.title"),
        description=hostile("project.description"),
        author_cost=1_000_000,
        place=hostile("project.place"),
        today=today - timedelta(days=30),
        by=by,
    )
    budget.review_project(project, feasible=False, reasons=hostile("review"), by=by)
    world.update(
        participation_process=proc,
        participation_meeting=meeting,
        participation_body=body,
        participation_proposal=proposal,
        participation_call=call,
    )
    world["objects"] += [proc, meeting, proposal, call]


def targets(world: dict[str, Any]) -> list[Target]:
    proc = world["participation_process"].pk
    meeting = world["participation_meeting"].pk
    body = world["participation_body"].pk
    proposal = world["participation_proposal"].pk
    call = world["participation_call"].pk
    public = [
        "/participation/",
        f"/participation/processes/{proc}/",
        f"/participation/meetings/{meeting}/",
        "/participation/proposals/",
        f"/participation/proposals/{proposal}/",
        "/participation/budget/",
        f"/participation/budget/{call}/",
    ]
    official = [
        f"/participation/processes/{proc}/bodies/{body}/",
        f"/participation/meetings/{meeting}/attendance/",
        f"/participation/meetings/{meeting}/outputs/",
        "/participation/me/",
    ]
    return [
        *(Target(url, "html") for url in public),
        *(Target(url, "html", signed_in=True) for url in official),
        Target("/participation/proposals/map.geojson", "json"),
        Target(f"/participation/budget/{call}/ballots.csv", "csv"),
        Target("/api/participation/processes", "json"),
        Target("/api/participation/proposals", "json"),
        Target(f"/api/participation/calls/{call}", "json"),
        Target(f"/api/participation/meetings/{meeting}/attendance", "json", signed_in=True),
    ]
