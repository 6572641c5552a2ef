"""Attendance arithmetic: distinct people (a person at five meetings counts once), the
shares of women, youth and vulnerable groups, counted sheets beside named lists — checked
against a plain recount for random meetings."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.testing.properties import examples

from ..choices import AgeGroup, MeetingKind, MeetingStatus, Sex
from ..models import Meeting, Participant
from ..selectors.statistics import Scope, participation_figures
from ..services.meetings import record_meeting, set_counted_attendance, set_named_attendance
from ..services.people import register_participant
from .world import participation_world

pytestmark = pytest.mark.django_db

AGES = [AgeGroup.UNDER_18, AgeGroup.YOUNG, AgeGroup.MIDDLE, AgeGroup.OLDER]


@pytest.fixture
def world():
    w = participation_world(with_plan=False)
    people = []
    for n in range(10):
        people.append(
            register_participant(
                full_name=f"Person {n}",
                residence=w["zharaspai"],
                sex=Sex.FEMALE if n % 3 else Sex.MALE,
                age_group=AGES[n % 4],
                consent=n % 4 == 0,
                groups=["pensioner"] if n % 4 == 0 else [],
                by=w["editor"],
            )
        )
    w["people"] = people
    return w


meeting_plans = st.lists(
    st.tuples(
        st.sets(st.integers(0, 9), max_size=10),  # who came, by index
        st.dictionaries(
            st.tuples(st.sampled_from(Sex.values), st.sampled_from(AGES)),
            st.integers(0, 30),
            max_size=4,
        ),  # counted cells
        st.booleans(),  # published
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(plans=meeting_plans)
def test_figures_match_a_plain_recount(world, plans):
    editor, process = world["editor"], world["process"]
    Meeting.objects.all().delete()
    for number, (came, cells, published) in enumerate(plans):
        meeting = record_meeting(
            process,
            body=None,
            kind=MeetingKind.OPEN,
            held_on=date(2017, 8 + number % 3, 1),
            place="Club",
            status=MeetingStatus.HELD,
            is_published=published,
            by=editor,
        )
        set_named_attendance(meeting, [world["people"][i] for i in came], by=editor)
        set_counted_attendance(meeting, cells, {}, by=editor)

    figures = participation_figures(editor, Scope(kato=world["nura"].kato))
    came_all = set().union(*(came for came, _c, _p in plans))
    people = [world["people"][i] for i in came_all]
    assert figures.meetings == len(plans)
    assert figures.people == len(came_all)
    assert figures.women == sum(p.sex == Sex.FEMALE for p in people)
    assert figures.youth == sum(p.age_group in (AgeGroup.UNDER_18, AgeGroup.YOUNG) for p in people)
    assert figures.vulnerable == sum(p.pensioner for p in people)
    named = sum(len(came) for came, _c, _p in plans)
    counted = sum(sum(cells.values()) for _came, cells, _p in plans)
    assert figures.attendances == named + counted
    women_rows = sum(
        sum(world["people"][i].sex == Sex.FEMALE for i in came)
        + sum(v for (sex, _age), v in cells.items() if sex == Sex.FEMALE)
        for came, cells, _p in plans
    )
    assert figures.attendances_women == women_rows
    if figures.people:
        assert figures.women_share == pytest.approx(figures.women / len(came_all))
    assert sum(point.meetings for point in figures.trend) == len(plans)
    assert sum(point.attendances for point in figures.trend) == named + counted

    public = participation_figures(AnonymousUser(), Scope(kato=world["nura"].kato))
    assert public.meetings == sum(1 for _came, _cells, published in plans if published)


def test_a_person_at_five_meetings_counts_once(world):
    editor, process = world["editor"], world["process"]
    person = world["people"][1]
    for day in range(1, 6):
        meeting = record_meeting(
            process,
            body=None,
            kind=MeetingKind.OPEN,
            held_on=date(2017, 9, day),
            place="Club",
            status=MeetingStatus.HELD,
            by=editor,
        )
        set_named_attendance(meeting, [person], by=editor)
    figures = participation_figures(editor, Scope(process_id=process.pk))
    assert (figures.meetings, figures.people, figures.named_attendances) == (5, 1, 5)
    assert figures.women_share == 1.0


def test_counted_sheet_refuses_groups_larger_than_the_meeting_and_writes_nothing(world):
    editor = world["editor"]
    meeting = record_meeting(
        world["process"],
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 9, 1),
        place="Club",
        status=MeetingStatus.HELD,
        by=editor,
    )
    with pytest.raises(ValidationError) as refused:
        set_counted_attendance(
            meeting, {(Sex.FEMALE, AgeGroup.MIDDLE): 3}, {"any": 4, "pensioner": 5}, by=editor
        )
    messages = refused.value.message_dict
    assert "More people in this group than came to the meeting (3)." in messages["group_any"]
    assert "More than the people in any vulnerable group (4)." in messages["group_pensioner"]
    assert not meeting.counts.exists()
    with pytest.raises(ValidationError):
        set_counted_attendance(meeting, {(Sex.MALE, AgeGroup.OLDER): -1}, {}, by=editor)


def test_withdrawn_consent_erases_groups_from_past_attendance(world):
    from ..services.people import set_groups

    editor = world["editor"]
    pensioner = world["people"][0]
    meeting = record_meeting(
        world["process"],
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 9, 1),
        place="Club",
        status=MeetingStatus.HELD,
        by=editor,
    )
    set_named_attendance(meeting, [pensioner], by=editor)
    assert participation_figures(editor, Scope(process_id=world["process"].pk)).vulnerable == 1
    set_groups(pensioner, consent=False, groups=[], by=editor)
    pensioner.refresh_from_db()
    assert (pensioner.pensioner, pensioner.consent_at) == (False, None)
    assert participation_figures(editor, Scope(process_id=world["process"].pk)).vulnerable == 0
    with pytest.raises(ValidationError, match="consent"):
        set_groups(pensioner, consent=False, groups=["disability"], by=editor)
    assert Participant.objects.filter(pk=pensioner.pk, disability=False).exists()


def test_stored_figures_follow_publication_and_status_and_survive_a_rebuild(world):
    """The page reads stored tallies and reach: publishing a meeting shows its people to the
    public, setting it back to planned takes them out, and a full rebuild changes nothing."""
    from ..services.meetings import publish_meeting, update_meeting
    from ..services.tallies import refresh_everything

    editor, process = world["editor"], world["process"]
    published = record_meeting(
        process,
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 8, 1),
        place="Club",
        status=MeetingStatus.HELD,
        is_published=True,
        by=editor,
    )
    hidden = record_meeting(
        process,
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 11, 1),
        place="Club",
        status=MeetingStatus.HELD,
        by=editor,
    )
    set_named_attendance(published, world["people"][:3], by=editor)
    set_named_attendance(hidden, world["people"][2:6], by=editor)
    set_counted_attendance(hidden, {(Sex.FEMALE, AgeGroup.YOUNG): 7}, {}, by=editor)
    scope = Scope(process_id=process.pk)

    def seen(user):
        f = participation_figures(user, scope)
        return (f.meetings, f.people, f.attendances, f.attendances_women)

    anonymous = AnonymousUser()
    women = [p.sex == Sex.FEMALE for p in world["people"]]
    assert seen(anonymous) == (1, 3, 3, sum(women[:3]))
    assert seen(editor) == (2, 6, 14, sum(women[:3]) + sum(women[2:6]) + 7)
    publish_meeting(hidden, by=editor)
    assert seen(anonymous) == seen(editor)
    update_meeting(hidden, status=MeetingStatus.PLANNED, by=editor)
    assert seen(editor) == (1, 3, 3, sum(women[:3]))
    before = participation_figures(editor, Scope(kato=world["nura"].kato))
    refresh_everything()
    assert participation_figures(editor, Scope(kato=world["nura"].kato)) == before
