"""Planning processes: starting one with its stages and bodies, moving a stage, seating and
unseating members."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from aimaq.accounts.models import Organisation
from aimaq.core.activity import attribute_to, log_action
from aimaq.territories.models import Territory

from .. import events
from ..choices import (
    STAGE_ORDER,
    WORKING_GROUP_THEMES,
    BodyKind,
    Seat,
    StageStatus,
    Theme,
)
from ..models import Body, Membership, Participant, PlanningProcess, ProcessStage
from ..permissions import RUN
from .common import person, require


def create_process(
    *,
    territory: Territory,
    name: dict[str, str],
    plan: Any = None,
    donor_project: Organisation | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    formed_on: date | None = None,
    is_published: bool = False,
    is_demo: bool = False,
    by: Any,
) -> PlanningProcess:
    """A process for `territory` with its eight stages, its planning committee and the three
    thematic working groups (economy and agriculture; social infrastructure and services;
    engineering infrastructure and maintenance)."""
    process = PlanningProcess(
        territory=territory,
        plan=plan,
        donor_project=donor_project,
        starts_on=starts_on,
        ends_on=ends_on,
        is_published=is_published,
        is_demo=is_demo,
        created_by=person(by),
        **{f"name_{lang}": text for lang, text in name.items()},
    )
    require(by, RUN, process)
    if plan is not None and plan.territory_id != territory.pk:
        raise ValidationError({"plan": _("The plan must be a plan of the same territory.")})
    process.full_clean()
    with transaction.atomic():
        attribute_to(process, by).save()
        ProcessStage.objects.bulk_create(
            ProcessStage(process=process, kind=kind, order=number)
            for number, kind in enumerate(STAGE_ORDER, start=1)
        )
        Body.objects.create(
            process=process, kind=BodyKind.COMMITTEE, theme=Theme.GENERAL, formed_on=formed_on
        )
        for theme in WORKING_GROUP_THEMES:
            Body.objects.create(
                process=process, kind=BodyKind.WORKING_GROUP, theme=theme, formed_on=formed_on
            )
        log_action(process, events.PROCESS_CREATED, by=by)
    return process


def set_stage(
    stage: ProcessStage, status: str, *, on: date, by: Any, note: str = ""
) -> ProcessStage:
    """Move a stage to `status` on the day `on`. Stages go in order: a stage starts once the
    one before it has started, and is done once every stage before it is done; a stage goes
    back to "not started" only while nothing after it has started."""
    require(by, RUN, stage)
    if status not in StageStatus.values:
        raise ValidationError({"status": _("Choose a status of the list.")})
    with transaction.atomic():
        stages = list(
            ProcessStage.objects.select_for_update()
            .filter(process=stage.process_id)
            .order_by("order")
        )
        current = next(s for s in stages if s.pk == stage.pk)
        earlier = [s for s in stages if s.order < current.order]
        later = [s for s in stages if s.order > current.order]
        if (
            status == StageStatus.IN_PROGRESS
            and earlier
            and earlier[-1].status == StageStatus.NOT_STARTED
        ):
            raise ValidationError(
                _("Start “%(stage)s” first.") % {"stage": earlier[-1].get_kind_display()}
            )
        if status == StageStatus.DONE:
            open_before = [s for s in earlier if s.status != StageStatus.DONE]
            if open_before:
                raise ValidationError(
                    _("“%(stage)s” is not done yet.") % {"stage": open_before[0].get_kind_display()}
                )
        if status == StageStatus.NOT_STARTED and any(
            s.status != StageStatus.NOT_STARTED for s in later
        ):
            raise ValidationError(_("A later stage has already started."))
        if status != StageStatus.NOT_STARTED and current.started_on is None:
            current.started_on = on
        if status == StageStatus.DONE:
            current.finished_on = on
        elif status == StageStatus.NOT_STARTED:
            current.started_on = current.finished_on = None
        else:
            current.finished_on = None
        current.status = status
        if note:
            current.note = note
        attribute_to(current, by).save()
        log_action(
            current.process,
            events.STAGE_MOVED,
            by=by,
            data={
                "stage": current.kind,
                "status": current.status,
            },
        )
    stage.refresh_from_db()
    return current


def finish_stages(process: PlanningProcess, days: Sequence[date], *, by: Any) -> list[ProcessStage]:
    """The record of a past process: its first stages done, in order, the n-th on `days[n]`
    — what `set_stage(stage, DONE, on=day)` one after the other stores (a stage not started
    starts that day), with one history row and one log entry per stage."""
    stages = list(
        ProcessStage.objects.select_for_update().filter(process=process).order_by("order")
    )[: len(days)]
    if len(stages) < len(days):
        raise ValueError("more days than stages")
    for stage in stages:
        stage.process = process  # in hand: the check and the log need it
        require(by, RUN, stage)
    for stage, day in zip(stages, days, strict=True):
        stage.started_on = stage.started_on or day
        stage.finished_on, stage.status = day, StageStatus.DONE
        attribute_to(stage, by)
    with transaction.atomic():
        bulk_update_with_history(stages, ProcessStage, ["started_on", "finished_on", "status"])
        for stage in stages:
            log_action(
                process,
                events.STAGE_MOVED,
                by=by,
                data={
                    "stage": stage.kind,
                    "status": stage.status,
                },
            )
    return stages


def seat_member(
    body: Body,
    *,
    participant: Participant | None = None,
    organisation: Organisation | None = None,
    seat: str = Seat.MEMBER,
    sector: str,
    joined_on: date | None = None,
    by: Any,
) -> Membership:
    """Seat a person or an organisation in a body. One chair per body at a time."""
    require(by, RUN, body)
    if (participant is None) == (organisation is None):
        raise ValidationError(_("Choose a person or an organisation, not both."))
    _refuse_a_second_chair(body, [seat])
    membership = Membership(
        body=body,
        participant=participant,
        organisation=organisation,
        seat=seat,
        sector=sector,
        joined_on=joined_on,
    )
    membership.full_clean()
    with transaction.atomic():
        attribute_to(membership, by).save()
        _log_seated(body, [membership], by=by)
    return membership


def seat_members(
    body: Body,
    members: Sequence[tuple[Participant, str, str]],
    *,
    joined_on: date | None = None,
    by: Any,
) -> list[Membership]:
    """Seat several people in a body at once — (person, seat, sector) each, as a body is
    formed at its first sitting or a past one is recorded — under the rules of
    `seat_member`: one chair per body at a time, a person seated once; all checked before
    anything is written, then one history row and one log entry per seat."""
    require(by, RUN, body)
    _refuse_a_second_chair(body, [seat for _p, seat, _s in members])
    seated = set(
        body.memberships.filter(participant__isnull=False).values_list("participant", flat=True)
    )
    rows = []
    for participant, seat, sector in members:
        membership = Membership(
            body=body, participant=participant, seat=seat, sector=sector, joined_on=joined_on
        )
        if participant.pk is None or participant.pk in seated:
            membership.full_clean()  # raises what `seat_member` would: seated already
        # The body and the people are saved objects in hand: no query per row for them.
        membership.clean_fields(exclude=["body", "participant", "organisation"])
        seated.add(participant.pk)
        rows.append(attribute_to(membership, by))
    with transaction.atomic():
        stored = bulk_create_with_history(rows, Membership)
        _log_seated(body, stored, by=by)
    return stored


def _refuse_a_second_chair(body: Body, seats: Sequence[str]) -> None:
    """One chair per body at a time: among the new seats and the members still sitting."""
    chairs = seats.count(Seat.CHAIR)
    if chairs > 1 or (
        chairs and body.memberships.filter(seat=Seat.CHAIR, left_on__isnull=True).exists()
    ):
        raise ValidationError({"seat": _("This body already has a chair.")})


def _log_seated(body: Body, memberships: Sequence[Membership], *, by: Any) -> None:
    for membership in memberships:
        log_action(
            body.process,
            events.MEMBER_SEATED,
            by=by,
            data={"seat": membership.seat},
        )


def unseat_member(membership: Membership, *, on: date, by: Any) -> Membership:
    """Record that a member left (the seat stays in the history)."""
    require(by, RUN, membership.body)
    with transaction.atomic():
        membership.left_on = on
        attribute_to(membership, by).save()
        log_action(membership.body.process, events.MEMBER_LEFT, by=by)
    return membership
