"""A meeting recorded as held happened on or before today; a planned one may lie ahead —
on the new and edit pages (the refusal in the person's language, on the date) and in the
services, one by one or in bulk."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ..choices import MeetingKind, MeetingStatus
from ..models import Meeting
from ..services.meetings import record_meeting, record_meetings, update_meeting
from .world import participation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return participation_world(with_plan=False)


def held_in_future_message(language: str) -> str:
    today = timezone.localdate()
    with translation.override(language):
        return translation.gettext(
            "A held meeting took place on or before today (%(today)s); "
            "record a meeting still to come as planned."
        ) % {"today": f"{today:%d.%m.%Y}"}


def meeting_post(status: str, held_on: date) -> dict[str, str]:
    return {
        "kind": MeetingKind.FIRST,
        "status": status,
        "held_on": held_on.isoformat(),
        "place": "Akimat",
    }


def test_a_held_meeting_dated_in_the_future_is_refused_in_the_persons_language(client, world):
    client.force_login(world["editor"])
    url = f"/participation/processes/{world['process'].pk}/meetings/new/"
    answer = client.post(
        url, meeting_post(MeetingStatus.HELD, date(2999, 1, 1)), HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["held_on"] == [held_in_future_message("kk")]
    assert held_in_future_message("kk") != held_in_future_message("en")
    assert not Meeting.objects.exists()


def test_a_planned_meeting_may_be_in_the_future_and_a_held_one_today(client, world):
    client.force_login(world["editor"])
    url = f"/participation/processes/{world['process'].pk}/meetings/new/"
    today = timezone.localdate()
    for status, day in ((MeetingStatus.PLANNED, date(2999, 1, 1)), (MeetingStatus.HELD, today)):
        assert client.post(url, meeting_post(status, day)).status_code == 302
    assert sorted(Meeting.objects.values_list("status", "held_on")) == [
        (MeetingStatus.HELD, today),
        (MeetingStatus.PLANNED, date(2999, 1, 1)),
    ]


def test_editing_a_meeting_cannot_make_it_held_in_the_future(client, world):
    planned = record_meeting(
        world["process"],
        body=None,
        kind=MeetingKind.OPEN,
        held_on=timezone.localdate() + timedelta(days=10),
        place="School",
        by=world["editor"],
    )
    client.force_login(world["editor"])
    url = f"/participation/meetings/{planned.pk}/edit/"
    answer = client.post(
        url,
        meeting_post(MeetingStatus.HELD, planned.held_on),
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["held_on"] == [held_in_future_message("ru")]
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.PLANNED
    with pytest.raises(ValidationError) as refused:
        update_meeting(planned, status=MeetingStatus.HELD, by=world["editor"])
    assert "held_on" in refused.value.error_dict


def test_recording_past_meetings_in_bulk_refuses_a_held_one_in_the_future(world):
    past = {"body": None, "kind": MeetingKind.OPEN, "place": "School"}
    future = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        record_meetings(
            world["process"],
            [
                past | {"status": MeetingStatus.HELD, "held_on": date(2017, 9, 12)},
                past | {"status": MeetingStatus.HELD, "held_on": future},
            ],
            by=world["editor"],
        )
    assert "held_on" in refused.value.error_dict
    assert not Meeting.objects.exists()
    stored = record_meetings(
        world["process"],
        [
            past | {"status": MeetingStatus.HELD, "held_on": date(2017, 9, 12)},
            past | {"status": MeetingStatus.PLANNED, "held_on": future},
        ],
        by=world["editor"],
    )
    assert len(stored) == Meeting.objects.count() == 2
