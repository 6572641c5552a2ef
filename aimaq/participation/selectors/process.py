"""Reads for the pages of a process and a meeting: what the visitor may see of them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from aimaq.core.attachments.models import Attachment
from aimaq.core.attachments.services import attachments_of
from aimaq.core.permissions import allowed_rows, can
from aimaq.territories.selectors import with_territories

from ..choices import ANY_VULNERABLE, AgeGroup, Sex
from ..models import Attendance, Body, Meeting, PlanningProcess
from ..permissions import SEE_PEOPLE, VIEW


@dataclass(frozen=True)
class BodyCard:
    body: Body
    members: int
    women: int
    by_sector: list[tuple[str, int]]
    may_see_people: bool


def body_cards(user: Any, process: PlanningProcess) -> list[BodyCard]:
    """Each body with its seats counted (names only for those who see people)."""
    cards = []
    for body in process.bodies.all().order_by("kind", "theme"):
        seats = list(body.memberships.filter(left_on__isnull=True).select_related("participant"))
        sectors = Counter(str(m.get_sector_display()) for m in seats)
        cards.append(
            BodyCard(
                body=body,
                members=len(seats),
                women=sum(1 for m in seats if m.participant and m.participant.sex == Sex.FEMALE),
                by_sector=sorted(sectors.items()),
                may_see_people=can(user, SEE_PEOPLE, body),
            )
        )
    return cards


def visible_meetings(user: Any, process: PlanningProcess):
    return allowed_rows(user, VIEW, process.meetings.select_related("body")).order_by(
        "held_on", "pk"
    )


@dataclass(frozen=True)
class MeetingTally:
    """Who came to a meeting, in aggregate (named list and counted sheet together)."""

    total: int
    named: int
    counted: int
    by_sex: list[tuple[str, int]]
    by_age: list[tuple[str, int]]
    vulnerable: int


def meeting_tally(meeting: Meeting) -> MeetingTally:
    named = Attendance.objects.filter(meeting=meeting)
    sexes: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    for sex, n in named.values_list("sex").annotate(n=Count("pk")):
        sexes[sex] += n
    for age, n in named.values_list("age_group").annotate(n=Count("pk")):
        ages[age] += n
    for sex, age, n in meeting.counts.values_list("sex", "age_group", "count"):
        sexes[sex] += n
        ages[age] += n
    named_total = named.count()
    counted_total = meeting.counts.aggregate(n=Sum("count"))["n"] or 0
    vulnerable = named.filter(vulnerable=True).count() + (
        meeting.group_counts.filter(group=ANY_VULNERABLE).aggregate(n=Sum("count"))["n"] or 0
    )
    sex_labels = dict(Sex.choices)
    age_labels = dict(AgeGroup.choices)
    return MeetingTally(
        total=named_total + counted_total,
        named=named_total,
        counted=counted_total,
        by_sex=[(str(label), sexes[key]) for key, label in sex_labels.items() if sexes[key]]
        + ([("—", sexes[""])] if sexes[""] else []),
        by_age=[(str(label), ages[key]) for key, label in age_labels.items() if ages[key]]
        + ([("—", ages[""])] if ages[""] else []),
        vulnerable=vulnerable,
    )


def meeting_files(user: Any, meeting: Meeting) -> tuple[list[Attachment], list[Attachment]]:
    """(photos, sheets) of the meeting the visitor may open."""
    photos: list[Attachment] = []
    sheets: list[Attachment] = []
    for attachment in attachments_of(meeting):
        if not can(user, attachment.read_action, meeting):
            continue
        (sheets if attachment.read_action == SEE_PEOPLE else photos).append(attachment)
    return photos, sheets


def public_processes(user: Any):
    return allowed_rows(
        user, VIEW, with_territories(PlanningProcess.objects.select_related("plan"), "territory")
    ).order_by("territory__kato", "pk")


def attendance_names(meeting: Meeting) -> list[Any]:
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("participant")
        .order_by("participant__full_name")
    )


def donor_projects_with_processes() -> list[tuple[int, str]]:
    from aimaq.accounts.models import Organisation

    ids = PlanningProcess.objects.filter(Q(donor_project__isnull=False), is_published=True).values(
        "donor_project_id"
    )
    return [(o.pk, o.name) for o in Organisation.objects.filter(pk__in=ids).order_by("name_ru")]
