"""Recording a past process in bulk (what the demo does): seating a body's members,
recording its meetings and their named lists, finishing its stages — at once, with the
rules, history and log of the one-by-one services, and stored figures that equal a
recount."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aimaq.core.activity.models import ActionLogEntry

from .. import events
from ..choices import MeetingKind, MeetingStatus, Seat, Sector, Sex, StageStatus
from ..models import Attendance, Meeting, MeetingTally, Membership, Reach
from ..services.meetings import record_meeting, record_meetings, set_named_attendances
from ..services.people import register_participant
from ..services.process import finish_stages, seat_member, seat_members
from .world import participation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = participation_world(with_plan=False)
    w["people"] = [
        register_participant(
            full_name=f"Person {n}",
            residence=w["zharaspai"],
            sex=Sex.FEMALE if n % 2 else Sex.MALE,
            birth_year=1950 + 10 * n,
            by=w["editor"],
        )
        for n in range(5)
    ]
    return w


def test_members_seated_at_once_have_history_and_log_and_keep_one_chair(world):
    editor, body = world["editor"], world["process"].bodies.get(theme="economy")
    people = world["people"]

    seated = seat_members(
        body,
        [(people[0], Seat.CHAIR, Sector.AKIMAT), (people[1], Seat.MEMBER, Sector.NGO)],
        joined_on=date(2017, 8, 20),
        by=editor,
    )

    assert [(m.participant, m.seat, m.joined_on) for m in seated] == [
        (people[0], Seat.CHAIR, date(2017, 8, 20)),
        (people[1], Seat.MEMBER, date(2017, 8, 20)),
    ]
    history = Membership.history.filter(body=body).order_by("history_id")
    assert [(h.history_type, h.history_user) for h in history] == [("+", editor), ("+", editor)]
    assert ActionLogEntry.objects.filter(event=events.MEMBER_SEATED, actor=editor).count() >= 2
    with pytest.raises(ValidationError, match="already has a chair"):
        seat_members(body, [(people[2], Seat.CHAIR, Sector.NGO)], by=editor)
    with pytest.raises(ValidationError):
        seat_members(
            body,
            [(people[3], Seat.MEMBER, Sector.NGO), (people[1], Seat.MEMBER, Sector.NGO)],
            by=editor,
        )
    with pytest.raises(PermissionDenied):
        seat_members(body, [(people[4], Seat.MEMBER, Sector.NGO)], by=world["izendi_chair"])
    assert body.memberships.count() == 2


def test_one_body_never_gets_two_sitting_chairs_one_by_one_or_at_once(world):
    editor, body = world["editor"], world["process"].bodies.get(theme="economy")
    people = world["people"]

    with pytest.raises(ValidationError, match="already has a chair"):
        seat_members(
            body,
            [(people[0], Seat.CHAIR, Sector.AKIMAT), (people[1], Seat.CHAIR, Sector.NGO)],
            by=editor,
        )
    assert not body.memberships.exists()

    chair = seat_member(
        body, participant=people[0], seat=Seat.CHAIR, sector=Sector.AKIMAT, by=editor
    )
    with pytest.raises(ValidationError, match="already has a chair"):
        seat_member(body, participant=people[1], seat=Seat.CHAIR, sector=Sector.NGO, by=editor)
    assert list(body.memberships.values_list("participant", flat=True)) == [people[0].pk]

    chair.left_on = date(2019, 1, 10)
    chair.save()
    successor = seat_member(
        body, participant=people[1], seat=Seat.CHAIR, sector=Sector.NGO, by=editor
    )
    assert successor.seat == Seat.CHAIR


def test_named_lists_of_several_meetings_replace_theirs_and_sum_as_a_recount(world):
    editor, people = world["editor"], world["people"]
    held = [
        record_meeting(
            world["process"],
            body=None,
            kind=MeetingKind.OPEN,
            held_on=date(2017, 9, day),
            place="Club",
            status=MeetingStatus.HELD,
            is_published=True,
            by=editor,
        )
        for day in (1, 2)
    ]
    set_named_attendances([(held[0], people[:2])], by=editor)

    set_named_attendances([(held[0], people[1:4]), (held[1], people[3:])], by=editor)

    for meeting in held:
        rows = Attendance.objects.filter(meeting=meeting)
        tally = MeetingTally.objects.get(meeting=meeting)
        assert (
            tally.named == rows.count() and tally.named_women == rows.filter(sex=Sex.FEMALE).count()
        )
    assert set(
        Attendance.objects.filter(meeting=held[0]).values_list("participant", flat=True)
    ) == {p.pk for p in people[1:4]}
    assert Reach.objects.filter(process=world["process"]).count() == 4  # people 1–4
    with pytest.raises(PermissionDenied):
        set_named_attendances([(held[1], people[:1])], by=world["izendi_chair"])
    assert Meeting.objects.get(pk=held[1].pk).attendance.count() == 2


def test_meetings_recorded_at_once_are_checked_as_one_by_one_and_stages_finish_in_order(world):
    editor, process = world["editor"], world["process"]
    group = process.bodies.get(theme="economy")
    spec = {"kind": MeetingKind.FIRST, "held_on": date(2017, 9, 1), "place": "School"}

    held = record_meetings(process, [spec | {"body": group}, spec | {"body": None}], by=editor)

    assert [(m.body, m.created_by, m.status) for m in held] == [
        (group, editor, MeetingStatus.PLANNED),
        (None, editor, MeetingStatus.PLANNED),
    ]
    assert Meeting.history.filter(process=process, history_user=editor).count() == 2
    other = world["izendi_process"].bodies.get(theme="economy")
    with pytest.raises(ValidationError):
        record_meetings(process, [spec | {"body": other}], by=editor)
    with pytest.raises(ValidationError):
        record_meetings(process, [spec | {"place": ""}], by=editor)
    with pytest.raises(PermissionDenied):
        record_meetings(world["izendi_process"], [spec], by=world["chair"])
    assert process.meetings.count() == 2

    days = [date(2017, 8, 20), date(2017, 9, 5)]
    finish_stages(process, days, by=editor)

    stages = list(process.stages.order_by("order"))
    assert [(s.status, s.started_on, s.finished_on) for s in stages[:2]] == [
        (StageStatus.DONE, days[0], days[0]),
        (StageStatus.DONE, days[1], days[1]),
    ]
    assert {s.status for s in stages[2:]} == {StageStatus.NOT_STARTED}
    assert stages[1].history.latest().history_user == editor
