"""A double click on "record the meeting" or "announce the call" makes one meeting or one
call, and both clicks lead to it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aimaq.testing.forms import sent_twice

from ..choices import MeetingKind, MeetingStatus
from ..models import BudgetCall, Meeting
from .world import participation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return participation_world(with_plan=False)


def test_a_double_click_on_a_new_meeting_records_one(client, world):
    client.force_login(world["editor"])
    data = {
        "kind": MeetingKind.FIRST,
        "status": MeetingStatus.HELD,
        "held_on": "2017-09-01",
        "place": "Akimat",
    }

    first, second = sent_twice(
        client, f"/participation/processes/{world['process'].pk}/meetings/new/", data
    )

    made = Meeting.objects.get()
    assert first.url == second.url == f"/participation/meetings/{made.pk}/"


def test_a_double_click_on_a_new_call_announces_one(client, world):
    client.force_login(world["editor"])
    today = timezone.localdate()
    data = {
        "territory": world["zharaspai"].pk,
        "name_kk": "Бюджет",
        "name_ru": "Бюджет",
        "name_en": "Budget",
        "envelope": 1_000_000,
        "rule": "single",
        "max_choices": 2,
        "overflow": "skip",
        "min_age": 18,
        "online_check": "phone_code",
        "implementation_year": today.year + 1,
    }
    for name, days in [
        ("proposals_from", 0),
        ("proposals_to", 10),
        ("review_to", 20),
        ("voting_from", 30),
        ("voting_to", 40),
        ("results_on", 50),
    ]:
        data[name] = (today + timedelta(days=days)).isoformat()

    first, second = sent_twice(client, "/participation/budget/new/", data)

    made = BudgetCall.objects.get()
    assert first.url == second.url == f"/participation/budget/{made.pk}/"
