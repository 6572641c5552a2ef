"""Meeting outputs land in the linked plan's draft, each with a trace back to the meeting;
only someone who may write the draft sends them, and nothing lands half."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aimaq.plans.models import Goal, SectionText, SwotItem, TraceLink

from ..choices import MeetingKind, MeetingStatus, OutputKind, Quadrant
from ..services.meetings import add_output, land_outputs, record_meeting
from .world import participation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return participation_world()


def _first_meeting(world):
    process = world["process"]
    meeting = record_meeting(
        process,
        body=process.bodies.get(theme="engineering"),
        kind=MeetingKind.FIRST,
        held_on=date(2017, 8, 25),
        place="Zharaspai school",
        status=MeetingStatus.HELD,
        by=world["chair"],
    )
    add_output(
        meeting,
        kind=OutputKind.SWOT,
        quadrant=Quadrant.WEAKNESS,
        text="No mobile signal in the aul",
        by=world["chair"],
    )
    add_output(
        meeting, kind=OutputKind.VISION, text="A connected aul with good roads", by=world["chair"]
    )
    add_output(
        meeting,
        kind=OutputKind.GOAL,
        text="Bring the mobile network to every home",
        by=world["chair"],
    )
    return meeting


def test_outputs_land_in_the_draft_with_a_trace_to_the_meeting(world):
    meeting = _first_meeting(world)
    landed = land_outputs(meeting, by=world["editor"])
    assert len(landed) == 3
    draft = world["plan"].versions.get()
    swot = SwotItem.objects.get(version=draft, text_en="No mobile signal in the aul")
    assert (swot.quadrant, swot.focus_area) == ("W", "engineering")
    goal = Goal.objects.get(version=draft, name_en="Bring the mobile network to every home")
    vision = SectionText.objects.get(version=draft, section="vision")
    assert "A connected aul with good roads" in vision.text_en
    for element in (swot, goal, vision):
        trace = TraceLink.objects.get(version=draft, element_uid=element.uid)
        assert trace.source == f"participation.meeting:{meeting.pk}"
        assert trace.url == f"/participation/meetings/{meeting.pk}/"
        assert "25.08.2017" in trace.label
    output = meeting.outputs.get(kind=OutputKind.SWOT)
    assert output.landed_uid == swot.uid and output.landed_version_id == draft.pk
    # Sending again lands nothing twice.
    assert land_outputs(meeting, by=world["editor"]) == []
    assert (
        SwotItem.objects.filter(version=draft, text_en="No mobile signal in the aul").count() == 1
    )


def test_chair_without_plan_rights_cannot_write_the_draft_and_nothing_lands(world):
    meeting = _first_meeting(world)
    with pytest.raises(PermissionDenied):
        land_outputs(meeting, by=world["chair"])
    assert not meeting.outputs.filter(landed_uid__isnull=False).exists()
    draft = world["plan"].versions.get()
    assert not TraceLink.objects.filter(version=draft, source__startswith="participation.").exists()


def test_an_approved_plan_takes_no_outputs(world):
    from aimaq.plans.services import move

    meeting = _first_meeting(world)
    version = world["plan"].versions.get()
    move(version, "consultation", by=world["editor"])
    move(version, "agreed", by=world["editor"], agreed_on=date(2018, 1, 20))
    with pytest.raises(ValidationError, match="no draft"):
        land_outputs(meeting, by=world["editor"])


def test_a_swot_output_needs_its_quadrant(world):
    meeting = _first_meeting(world)
    with pytest.raises(ValidationError):
        add_output(meeting, kind=OutputKind.SWOT, text="Pastures", by=world["chair"])
