"""The participation API: public reads carry aggregates and anonymised ballots, never a
name; who came to a meeting answers only those who may see the meeting's people."""

from datetime import date

import pytest
from django.test import Client

from ..choices import MeetingKind, MeetingStatus, Sex
from ..services.meetings import record_meeting, set_named_attendance
from ..services.people import register_participant
from ..services.voting import enter_paper_ballot
from ..voters import make_iins
from .world import budget_world, close_voting, participation_world, voting_day

pytestmark = pytest.mark.django_db


def test_public_reads_give_figures_without_names_and_attendance_only_to_those_in_charge():
    world = participation_world(with_plan=False)
    editor, process = world["editor"], world["process"]
    meeting = record_meeting(
        process,
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 9, 1),
        place="Club",
        status=MeetingStatus.HELD,
        is_published=True,
        by=editor,
    )
    people = [
        register_participant(
            full_name=f"Гүлнар Сейітова {n}",
            residence=world["zharaspai"],
            sex=Sex.FEMALE,
            by=editor,
        )
        for n in range(3)
    ]
    set_named_attendance(meeting, people, by=editor)
    anonymous = Client()

    listed = anonymous.get("/api/participation/processes").json()
    assert process.pk in {row["id"] for row in listed}
    figures = anonymous.get(f"/api/participation/statistics?process={process.pk}").json()
    assert (figures["meetings"], figures["attendances"]) == (1, 3)
    assert figures["people"] is None and figures["women"] is None  # fewer than 5: hidden
    assert "Сейітова" not in str(figures)

    url = f"/api/participation/meetings/{meeting.pk}/attendance"
    assert anonymous.get(url).status_code == 401
    other = Client()
    other.force_login(world["izendi_chair"])  # another okrug's committee
    assert other.get(url).status_code == 404
    in_charge = Client()
    in_charge.force_login(editor)
    names = {row["name"] for row in in_charge.get(url).json()}
    assert names == {p.full_name for p in people}
    assert (
        in_charge.get(f"/api/participation/statistics?process={process.pk}").json()["people"] == 3
    )


def test_the_ballot_list_recounts_without_any_identity():
    world = budget_world()
    call, projects = world["call"], world["projects"]
    iins = make_iins(2)
    for iin, project in zip(iins, projects, strict=False):
        enter_paper_ballot(call, iin, [project.pk], by=world["editor"], today=voting_day())
    close_voting(call)
    client = Client()
    detail = client.get(f"/api/participation/calls/{call.pk}").json()
    assert [p["number"] for p in detail["projects"]] == sorted(p.number for p in projects)
    ballots = client.get(f"/api/participation/calls/{call.pk}/ballots").json()
    assert sorted(b["projects"][0] for b in ballots) == [projects[0].number, projects[1].number]
    assert all(iin not in str(ballots) for iin in iins)
    assert client.get("/api/participation/calls/999999/ballots").status_code == 404
