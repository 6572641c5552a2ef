"""Meetings: recording one, who came (a named list, or the counts of a paper sign-in sheet
with its scan), decisions, photos, outputs, and landing the outputs in the plan's draft with
a trace back to the meeting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from aimaq.core.activity import attribute_to, log_action
from aimaq.core.attachments import Kind, attach, check_upload

from .. import events, plan_links
from ..choices import (
    ANY_VULNERABLE,
    SHEET_GROUPS,
    YOUTH_AGE_GROUPS,
    AgeGroup,
    MeetingStatus,
    OutputKind,
    Sex,
    Theme,
)
from ..models import (
    Attendance,
    AttendanceCount,
    Body,
    Decision,
    GroupCount,
    Meeting,
    MeetingOutput,
    Participant,
    PlanningProcess,
)
from ..permissions import RUN, SEE_PEOPLE, VIEW
from . import tallies
from .common import person, require

MEETING_FIELDS = ("kind", "status", "held_on", "place", "agenda", "minutes")


def record_meeting(
    process: PlanningProcess,
    *,
    body: Body | None,
    kind: str,
    held_on: date,
    place: str,
    agenda: str = "",
    minutes: str = "",
    status: str = MeetingStatus.PLANNED,
    is_published: bool = False,
    is_demo: bool = False,
    by: Any,
) -> Meeting:
    """A meeting of `body` (or an open community meeting when None) in `process`. Allowed to
    whoever runs that body's meetings."""
    if body is not None and body.process_id != process.pk:
        raise ValidationError({"body": _("Choose a group of this planning process.")})
    require(by, RUN, body if body is not None else process)
    meeting = Meeting(
        process=process,
        body=body,
        kind=kind,
        held_on=held_on,
        place=place,
        agenda=agenda,
        minutes=minutes,
        status=status,
        is_published=is_published,
        is_demo=is_demo,
        created_by=person(by),
    )
    meeting.full_clean()
    with transaction.atomic():
        attribute_to(meeting, by).save()
        log_action(meeting, events.MEETING_RECORDED, by=by)
    return meeting


def record_meetings(
    process: PlanningProcess, meetings: Sequence[Mapping[str, Any]], *, by: Any
) -> list[Meeting]:
    """Several meetings of `process` at once (the record of past ones), each given as the
    keyword arguments of `record_meeting` (body, kind, held_on, place, …) and checked as
    there before any is written; one history row and one log entry per meeting."""
    rows = []
    for spec in meetings:
        unknown = set(spec) - {"body", "is_published", "is_demo", *MEETING_FIELDS}
        if unknown:
            raise ValueError(f"not a meeting field: {sorted(unknown)}")
        body = spec.get("body")
        if body is not None and body.process_id != process.pk:
            raise ValidationError({"body": _("Choose a group of this planning process.")})
        require(by, RUN, body if body is not None else process)
        meeting = Meeting(process=process, created_by=person(by), **spec)
        # The process, group and person are saved objects in hand: no query per meeting.
        meeting.full_clean(exclude=["process", "body", "created_by"])
        rows.append(attribute_to(meeting, by))
    with transaction.atomic():
        stored = bulk_create_with_history(rows, Meeting)
        for meeting in stored:
            log_action(meeting, events.MEETING_RECORDED, by=by)
    return stored


def update_meeting(meeting: Meeting, *, by: Any, **fields: Any) -> Meeting:
    """Change the meeting's type, status, date, place, agenda or minutes."""
    require(by, RUN, meeting)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not a meeting field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    with transaction.atomic():
        attribute_to(meeting, by).save()
        _resync_places(meeting)
    return meeting


def _resync_places(meeting: Meeting) -> None:
    """Keep the denormalised date and place of attendance rows in step with the meeting."""
    kato = meeting.process.territory.kato
    for model in (Attendance, AttendanceCount, GroupCount):
        model.objects.filter(meeting=meeting).update(kato=kato, held_on=meeting.held_on)


def publish_meeting(meeting: Meeting, *, by: Any) -> Meeting:
    require(by, RUN, meeting)
    with transaction.atomic():
        meeting.is_published = True
        attribute_to(meeting, by).save(update_fields=["is_published"])
        log_action(meeting, events.MEETING_PUBLISHED, by=by)
    return meeting


def snapshot(participant: Participant, day: date) -> dict[str, Any]:
    """Who the person was on `day`, as the statistics count them."""
    groups = participant.groups
    age_group = participant.age_group_on(day)
    return {
        "sex": participant.sex,
        "age_group": age_group,
        "youth": age_group in YOUTH_AGE_GROUPS or groups["youth"],
        "vulnerable": groups["disability"] or groups["large_family"] or groups["pensioner"],
        "disability": groups["disability"],
        "large_family": groups["large_family"],
        "pensioner": groups["pensioner"],
    }


def set_named_attendance(
    meeting: Meeting, participants: Iterable[Participant], *, by: Any
) -> list[Attendance]:
    """The named list of who came, replacing the one before (each person once)."""
    return set_named_attendances([(meeting, participants)], by=by)[0]


def set_named_attendances(
    lists: Sequence[tuple[Meeting, Iterable[Participant]]], *, by: Any
) -> list[list[Attendance]]:
    """`set_named_attendance` for several meetings in one go (the records of past
    meetings): each meeting checked and its list replacing the one before, as there; the
    stored tallies and reach refreshed once for all of them."""
    entered = []
    if len({meeting.pk for meeting, _people in lists}) < len(lists):
        raise ValueError("a meeting given twice")
    for meeting, participants in lists:
        require(by, RUN, meeting)
        require(by, SEE_PEOPLE, meeting)
        people = {p.pk: p for p in participants}
        kato = meeting.process.territory.kato
        rows = [
            Attendance(
                meeting=meeting,
                participant=p,
                kato=kato,
                held_on=meeting.held_on,
                entered_by=person(by),
                **snapshot(p, meeting.held_on),
            )
            for p in people.values()
        ]
        entered.append((meeting, rows))
    with transaction.atomic():
        Attendance.objects.filter(meeting__in=[meeting.pk for meeting, _rows in entered]).delete()
        Attendance.objects.bulk_create([row for _meeting, rows in entered for row in rows])
        tallies.refresh_meetings([meeting.pk for meeting, _rows in entered])
        tallies.refresh_reach([meeting.process_id for meeting, _rows in entered])
        for meeting, rows in entered:
            log_action(meeting, events.ATTENDANCE_ENTERED, by=by, data={"people": len(rows)})
    return [rows for _meeting, rows in entered]


CELLS = [(sex, group) for sex in Sex.values for group in AgeGroup.values]


def set_counted_attendance(
    meeting: Meeting,
    cells: Mapping[tuple[str, str], int],
    groups: Mapping[str, int],
    *,
    by: Any,
) -> int:
    """The counts of a paper sign-in sheet: people by sex and age group, and how many of
    them are in a vulnerable group (any, and each), replacing the counts before. Checked
    whole: a count is a whole number from 0, and no group is larger than those who came."""
    require(by, RUN, meeting)
    errors: dict[str, list[str]] = {}
    clean_cells: dict[tuple[str, str], int] = {}
    for sex, age_group in CELLS:
        value = cells.get((sex, age_group), 0) or 0
        if not isinstance(value, int) or value < 0 or value > 100_000:
            errors.setdefault(f"{sex}_{age_group}", []).append(_("Write a whole number from 0."))
            continue
        clean_cells[(sex, age_group)] = value
    total = sum(clean_cells.values())
    clean_groups: dict[str, int] = {}
    for group in SHEET_GROUPS:
        value = groups.get(group, 0) or 0
        if not isinstance(value, int) or value < 0:
            errors.setdefault(f"group_{group}", []).append(_("Write a whole number from 0."))
            continue
        if value > total:
            errors.setdefault(f"group_{group}", []).append(
                _("More people in this group than came to the meeting (%(total)s).")
                % {"total": total}
            )
        clean_groups[group] = value
    any_group = clean_groups.get(ANY_VULNERABLE, 0)
    for group, value in clean_groups.items():
        if group != ANY_VULNERABLE and value > any_group:
            errors.setdefault(f"group_{group}", []).append(
                _("More than the people in any vulnerable group (%(any)s).") % {"any": any_group}
            )
    if errors:
        raise ValidationError(errors)
    kato = meeting.process.territory.kato
    with transaction.atomic():
        AttendanceCount.objects.filter(meeting=meeting).delete()
        GroupCount.objects.filter(meeting=meeting).delete()
        AttendanceCount.objects.bulk_create(
            AttendanceCount(
                meeting=meeting,
                sex=sex,
                age_group=group,
                count=value,
                kato=kato,
                held_on=meeting.held_on,
            )
            for (sex, group), value in clean_cells.items()
            if value
        )
        GroupCount.objects.bulk_create(
            GroupCount(
                meeting=meeting, group=group, count=value, kato=kato, held_on=meeting.held_on
            )
            for group, value in clean_groups.items()
            if value
        )
        tallies.refresh_meetings([meeting.pk])
        log_action(meeting, events.ATTENDANCE_ENTERED, by=by, data={"people": total})
    return total


def attach_sheet(meeting: Meeting, upload: UploadedFile, *, by: Any):
    """The scan of the paper sign-in sheet: names on it, so only those who see the meeting's
    people may open it."""
    require(by, RUN, meeting)
    checked = check_upload(upload, kinds={Kind.IMAGE, Kind.PDF})
    return attach(meeting, checked, by=by, read_action=SEE_PEOPLE)


def attach_photo(meeting: Meeting, upload: UploadedFile, *, by: Any):
    """A photo of the meeting, public with the meeting (location and camera data stripped)."""
    require(by, RUN, meeting)
    checked = check_upload(upload, kinds={Kind.IMAGE})
    return attach(meeting, checked, by=by, read_action=VIEW)


def add_decision(meeting: Meeting, text: str, *, by: Any) -> Decision:
    require(by, RUN, meeting)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    decision = Decision(meeting=meeting, text=text, order=meeting.decisions.count() + 1)
    attribute_to(decision, by).save()
    return decision


def add_output(
    meeting: Meeting,
    *,
    kind: str,
    text: str,
    theme: str | None = None,
    quadrant: str = "",
    by: Any,
) -> MeetingOutput:
    """Something the meeting produced for the plan; the theme defaults to the group's."""
    require(by, RUN, meeting)
    if theme is None:
        theme = meeting.body.theme if meeting.body is not None else Theme.GENERAL
    output = MeetingOutput(
        meeting=meeting,
        kind=kind,
        theme=theme,
        quadrant=quadrant if kind == OutputKind.SWOT else "",
        text=(text or "").strip(),
        order=meeting.outputs.count() + 1,
    )
    if kind == OutputKind.SWOT and not quadrant:
        raise ValidationError(
            {"quadrant": _("Say whether it is a strength, weakness, opportunity or threat.")}
        )
    output.full_clean()
    attribute_to(output, by).save()
    return output


def meeting_source(meeting: Meeting) -> plan_links.Source:
    """How the plan names the meeting an element came from (in the three languages)."""
    label = f"Кездесу / Встреча / Meeting {meeting.held_on:%d.%m.%Y}" + (
        f" · {_body_label(meeting.body)}" if meeting.body is not None else ""
    )
    return plan_links.Source(
        f"participation.meeting:{meeting.pk}",
        label,
        reverse("participation:meeting", args=[meeting.pk]),
    )


def _body_label(body: Body) -> str:
    labels = {
        Theme.GENERAL: "Жоспарлау комитеті / Комитет по планированию / Planning committee",
        Theme.ECONOMY: "Экономика және ауыл шаруашылығы / Экономика и сельское хозяйство / Economy and agriculture",
        Theme.SOCIAL: "Әлеуметтік инфрақұрылым / Социальная инфраструктура / Social infrastructure",
        Theme.ENGINEERING: "Инженерлік инфрақұрылым / Инженерная инфраструктура / Engineering infrastructure",
    }
    return labels[Theme(body.theme)]


def land_outputs(meeting: Meeting, *, by: Any) -> list[MeetingOutput]:
    """Write every output of the meeting not yet in the plan into the plan's draft, each
    traced to the meeting — all of them or none. `by` must run the meeting and be allowed to
    write the plan's draft."""
    require(by, RUN, meeting)
    plan = meeting.process.plan
    if plan is None:
        raise ValidationError(_("The planning process is not linked to a plan yet."))
    if plan_links.draft_of(plan) is None:
        raise ValidationError(
            _("The plan has no draft to write into; start an amendment of the plan first.")
        )
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only what a held meeting produced goes into the plan."))
    source = meeting_source(meeting)
    waiting = list(meeting.outputs.filter(landed_uid__isnull=True).order_by("kind", "order", "pk"))
    now = timezone.now()
    with transaction.atomic():
        for output in waiting:
            landed = plan_links.land(
                plan,
                kind=output.kind,
                theme=output.theme,
                text=output.text,
                quadrant=output.quadrant,
                source=source,
                by=by,
            )
            output.landed_version_id = landed.version_id
            output.landed_uid = landed.uid
            output.landed_at = now
            output.landed_by = person(by)
            attribute_to(output, by).save()
        if waiting:
            log_action(meeting, events.OUTPUTS_LANDED, by=by, data={"count": len(waiting)})
    return waiting
