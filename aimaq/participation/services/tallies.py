"""Keeping the stored statistics (`models.tallies`) in step with what they sum: called by
the services that write attendance or consent, and by the meeting signals (a meeting's
status, date, group or publication changed, in a service or in the admin). Each refresh
recomputes from the attendance rows, so it is idempotent and a late or repeated call is
harmless; `refresh_everything` rebuilds all of it (after a bulk load, or to repair)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Q, Sum, Value, When

from ..choices import ANY_VULNERABLE, YOUTH_AGE_GROUPS, MeetingStatus, Sex
from ..models import (
    Attendance,
    AttendanceCount,
    GroupCount,
    Meeting,
    MeetingTally,
    PlanningProcess,
    Reach,
)

BATCH = 5_000


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def refresh_meetings(meeting_ids: Iterable[int]) -> None:
    """Recompute the tallies of these meetings from their named and counted attendance."""
    ids = sorted(set(meeting_ids))
    for chunk in _chunks(ids):
        with transaction.atomic():
            _refresh_meeting_chunk(chunk)


def _refresh_meeting_chunk(ids: list[int]) -> None:
    tallies = {pk: MeetingTally(meeting_id=pk) for pk in ids}
    for row in (
        Attendance.objects.filter(meeting_id__in=ids)
        .values("meeting_id")
        .annotate(
            n=Count("pk"),
            w=Count("pk", filter=Q(sex=Sex.FEMALE)),
            y=Count("pk", filter=Q(youth=True)),
            v=Count("pk", filter=Q(vulnerable=True)),
        )
    ):
        tally = tallies[row["meeting_id"]]
        tally.named, tally.named_women = row["n"], row["w"]
        tally.named_youth, tally.named_vulnerable = row["y"], row["v"]
    for cells in (
        AttendanceCount.objects.filter(meeting_id__in=ids)
        .values("meeting_id")
        .annotate(
            n=Sum("count"),
            w=Sum("count", filter=Q(sex=Sex.FEMALE)),
            y=Sum("count", filter=Q(age_group__in=YOUTH_AGE_GROUPS)),
        )
    ):
        tally = tallies[cells["meeting_id"]]
        tally.counted, tally.counted_women = cells["n"] or 0, cells["w"] or 0
        tally.counted_youth = cells["y"] or 0
    for meeting_id, count in GroupCount.objects.filter(
        meeting_id__in=ids, group=ANY_VULNERABLE
    ).values_list("meeting_id", "count"):
        tallies[meeting_id].counted_vulnerable = count
    existing = set(Meeting.objects.filter(pk__in=ids).values_list("pk", flat=True))
    MeetingTally.objects.filter(meeting_id__in=ids).delete()
    MeetingTally.objects.bulk_create(t for pk, t in tallies.items() if pk in existing)


def _flag(condition: Q) -> Max:
    return Max(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def refresh_reach(process_ids: Iterable[int]) -> None:
    """Recompute who these processes' held meetings reached, per group and publication
    state. The processes are locked while it runs, so two refreshes do not interleave."""
    ids = sorted(set(process_ids))
    for chunk in _chunks(ids):
        with transaction.atomic():
            places = dict(
                PlanningProcess.objects.select_for_update()
                .filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", "territory__kato")
            )
            Reach.objects.filter(process_id__in=chunk).delete()
            rows = (
                Attendance.objects.filter(
                    meeting__process_id__in=chunk, meeting__status=MeetingStatus.HELD
                )
                .values(
                    "meeting__process_id",
                    "meeting__body_id",
                    "meeting__is_published",
                    "participant_id",
                )
                .annotate(
                    female=_flag(Q(sex=Sex.FEMALE)),
                    youth=_flag(Q(youth=True)),
                    vulnerable=_flag(Q(vulnerable=True)),
                )
                .order_by()
            )
            Reach.objects.bulk_create(
                (
                    Reach(
                        process_id=row["meeting__process_id"],
                        body_key=row["meeting__body_id"] or 0,
                        is_published=row["meeting__is_published"],
                        participant_id=row["participant_id"],
                        kato=places[row["meeting__process_id"]],
                        female=bool(row["female"]),
                        youth=bool(row["youth"]),
                        vulnerable=bool(row["vulnerable"]),
                    )
                    for row in rows.iterator(chunk_size=BATCH)
                    if row["meeting__process_id"] in places
                ),
                batch_size=BATCH,
            )


def refresh_participant(participant_id: int) -> None:
    """After a person's recorded facts changed (consent withdrawn, data deleted): the
    tallies and reach of every meeting they came to."""
    came = Attendance.objects.filter(participant_id=participant_id)
    refresh_meetings(came.values_list("meeting_id", flat=True))
    refresh_reach(came.values_list("meeting__process_id", flat=True))


def refresh_everything() -> None:
    """Rebuild every tally and the whole reach table."""
    refresh_meetings(Meeting.objects.values_list("pk", flat=True))
    refresh_reach(PlanningProcess.objects.values_list("pk", flat=True))


def meeting_changed(
    sender: type, instance: Meeting, created: bool = False, **kwargs: object
) -> None:
    """Signal receiver: a meeting saved (not a new one: it has no attendance yet) or deleted
    changes whom its process reached."""
    if created:
        return
    refresh_reach([instance.process_id])
