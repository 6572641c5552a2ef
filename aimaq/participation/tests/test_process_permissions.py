"""The stage workflow and who may run a process: Zharaspai's chair runs Zharaspai's meetings
and stages, never Izendi's; lists and single checks agree."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aimaq.core.permissions import allowed_rows, can

from ..choices import MeetingKind, StageKind, StageStatus
from ..models import Meeting, PlanningProcess
from ..permissions import RUN, SEE_PEOPLE, VIEW
from ..services.meetings import record_meeting
from ..services.process import set_stage
from .world import participation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return participation_world(with_plan=False)


def _group(process, theme="economy"):
    return process.bodies.get(theme=theme)


def test_committee_chair_runs_own_okrugs_meetings_not_another_okrugs(world):
    chair = world["chair"]
    meeting = record_meeting(
        world["process"],
        body=_group(world["process"]),
        kind=MeetingKind.FIRST,
        held_on=date(2017, 8, 20),
        place="Zharaspai school",
        by=chair,
    )
    assert can(chair, RUN, meeting)
    with pytest.raises(PermissionDenied):
        record_meeting(
            world["izendi_process"],
            body=_group(world["izendi_process"]),
            kind=MeetingKind.FIRST,
            held_on=date(2017, 8, 21),
            place="Izendi club",
            by=chair,
        )
    izendi_meeting = record_meeting(
        world["izendi_process"],
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 8, 22),
        place="Izendi club",
        by=world["izendi_chair"],
    )
    assert not can(chair, RUN, izendi_meeting)
    assert not can(chair, SEE_PEOPLE, izendi_meeting)
    assert list(allowed_rows(chair, RUN, Meeting.objects.all())) == [meeting]


def test_member_of_another_okrugs_committee_cannot_move_its_stages(world):
    stage = world["izendi_process"].stages.get(kind=StageKind.COMMITTEE)
    with pytest.raises(PermissionDenied):
        set_stage(stage, StageStatus.IN_PROGRESS, on=date(2017, 8, 1), by=world["chair"])
    own = world["process"].stages.get(kind=StageKind.COMMITTEE)
    set_stage(own, StageStatus.DONE, on=date(2017, 8, 5), by=world["chair"])
    own.refresh_from_db()
    assert (own.status, own.started_on, own.finished_on) == (
        "done",
        date(2017, 8, 5),
        date(2017, 8, 5),
    )


def test_editor_of_another_rayon_cannot_run_and_list_and_page_agree(world):
    other = world["other_editor"]
    assert not can(other, RUN, world["process"])
    assert allowed_rows(other, RUN, PlanningProcess.objects.all()).count() == 0
    for user in (world["editor"], world["chair"], world["izendi_chair"], other, world["resident"]):
        listed = set(allowed_rows(user, RUN, PlanningProcess.objects.all()))
        single = {p for p in PlanningProcess.objects.all() if can(user, RUN, p)}
        assert listed == single


def test_chair_of_a_working_group_runs_only_that_groups_meetings(world):
    from .world import chair_of

    group_chair = chair_of(
        world["process"], "Dana", kind="group", theme="social", by=world["editor"]
    )
    own = record_meeting(
        world["process"],
        body=_group(world["process"], "social"),
        kind=MeetingKind.FIRST,
        held_on=date(2017, 8, 23),
        place="Clinic",
        by=group_chair,
    )
    assert can(group_chair, RUN, own)
    with pytest.raises(PermissionDenied):
        record_meeting(
            world["process"],
            body=_group(world["process"], "economy"),
            kind=MeetingKind.FIRST,
            held_on=date(2017, 8, 23),
            place="School",
            by=group_chair,
        )
    assert not can(group_chair, RUN, world["process"].stages.first())


def test_stages_go_in_order(world):
    process, chair = world["process"], world["chair"]
    vision = process.stages.get(kind=StageKind.VISION)
    with pytest.raises(ValidationError, match="not done yet"):
        set_stage(vision, StageStatus.DONE, on=date(2017, 9, 1), by=chair)
    with pytest.raises(ValidationError, match="first"):
        set_stage(vision, StageStatus.IN_PROGRESS, on=date(2017, 9, 1), by=chair)
    for kind in (StageKind.COMMITTEE, StageKind.WORKING_GROUPS, StageKind.NEEDS_SWOT):
        set_stage(process.stages.get(kind=kind), StageStatus.DONE, on=date(2017, 9, 1), by=chair)
    set_stage(vision, StageStatus.IN_PROGRESS, on=date(2017, 9, 2), by=chair)
    with pytest.raises(ValidationError, match="later stage"):
        set_stage(
            process.stages.get(kind=StageKind.NEEDS_SWOT),
            StageStatus.NOT_STARTED,
            on=date(2017, 9, 3),
            by=chair,
        )


def test_unpublished_process_is_not_public_but_its_chair_sees_it(world):
    from django.contrib.auth.models import AnonymousUser

    process = world["process"]
    process.is_published = False
    process.save()
    from ..permissions import VIEW

    assert not can(AnonymousUser(), VIEW, process)
    assert can(world["chair"], VIEW, process)
    assert not can(world["izendi_chair"], VIEW, process)


def test_single_checks_answered_by_a_role_agree_with_the_lists_for_every_holder(world):
    """Editors and viewers are answered from their role without the seats' query; the answer
    must still be the list's, for each process, stage, body and meeting and each action."""
    from aimaq.accounts.models import Role
    from aimaq.testing.people import user_with_role

    from ..models import Body, ProcessStage

    record_meeting(
        world["process"],
        body=_group(world["process"]),
        kind=MeetingKind.FIRST,
        held_on=date(2017, 8, 20),
        place="Zharaspai school",
        by=world["editor"],
    )
    viewer = user_with_role(Role.VIEWER, world["zharaspai"])
    people = [world["editor"], viewer, world["chair"]]
    for model in (PlanningProcess, ProcessStage, Body, Meeting):
        objs = list(model.objects.order_by("pk"))[:: 4 if model is ProcessStage else 1]
        for user in people:
            for action in (RUN, SEE_PEOPLE, VIEW):
                listed = set(allowed_rows(user, action, model.objects.all()))
                for obj in objs:
                    assert can(user, action, obj) == (obj in listed), (model, user, action)
