"""Stored figures the participation statistics read, kept by the services whenever
attendance, a meeting's status, date or publication, or a person's consent changes
(`services.tallies`): a page over an oblast with 10,000 meetings sums 10,000 tallies and
counts distinct people over one row per person and group, instead of scanning 200,000
attendance rows."""

from __future__ import annotations

from django.db import models

from .meetings import Meeting
from .people import Participant
from .process import PlanningProcess


class MeetingTally(models.Model):
    """One meeting's attendance, summed: named presences and the people counted on the paper
    sheet, with how many of each were women, youth, in a vulnerable group."""

    meeting = models.OneToOneField(
        Meeting, primary_key=True, on_delete=models.CASCADE, related_name="tally"
    )
    named = models.PositiveIntegerField(default=0)
    named_women = models.PositiveIntegerField(default=0)
    named_youth = models.PositiveIntegerField(default=0)
    named_vulnerable = models.PositiveIntegerField(default=0)
    counted = models.PositiveIntegerField(default=0)
    counted_women = models.PositiveIntegerField(default=0)
    counted_youth = models.PositiveIntegerField(default=0)
    counted_vulnerable = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.named} + {self.counted}"


class Reach(models.Model):
    """A person reached by the held meetings of one process and one group (`body_key`, 0 for
    open meetings), published or not — the grain at which a viewer's right to see meetings
    is decided, so the distinct people a viewer may count are these rows' distinct people.
    The flags say whether the person came at least once as a woman, as youth, as a member
    of a vulnerable group."""

    process = models.ForeignKey(PlanningProcess, on_delete=models.CASCADE, related_name="+")
    body_key = models.PositiveIntegerField()
    is_published = models.BooleanField()
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kato = models.CharField(max_length=9)
    female = models.BooleanField(default=False)
    youth = models.BooleanField(default=False)
    vulnerable = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["process", "body_key", "is_published", "participant"],
                name="reached_once_per_group",
            ),
        ]
        indexes = [models.Index(fields=["kato"], name="reach_by_place")]

    def __str__(self) -> str:
        return f"{self.process_id}/{self.body_key}: {self.participant_id}"
