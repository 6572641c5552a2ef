"""Meetings of the bodies and of the community: when, where, what was on the agenda, who
came (a named list, or counts from the paper sign-in sheet), what was decided, and what they
produced for the plan (outputs that land in the plan's draft with a trace back)."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import (
    SHEET_GROUPS,
    AgeGroup,
    MeetingKind,
    MeetingStatus,
    OutputKind,
    Quadrant,
    Sex,
    Theme,
)
from .people import Participant
from .process import Body, PlanningProcess


class Meeting(models.Model):
    """A meeting of a body (a working group, the committee) or an open community meeting
    (no body). Its records are public once published; the named list never is."""

    process = models.ForeignKey(
        PlanningProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Leave empty for an open meeting of the community."),
    )
    kind = models.CharField(_("type"), max_length=10, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["process", "held_on"], name="meeting_by_process")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.held_on:%d.%m.%Y}"

    def clean(self) -> None:
        today = timezone.localdate()
        if (
            self.status == MeetingStatus.HELD
            and isinstance(self.held_on, date)
            and self.held_on > today
        ):
            raise ValidationError(
                {
                    "held_on": _(
                        "A held meeting took place on or before today (%(today)s); "
                        "record a meeting still to come as planned."
                    )
                    % {"today": f"{today:%d.%m.%Y}"}
                }
            )


class Attendance(models.Model):
    """A named person at a meeting, with who they were on that day (sex, age group, sector,
    consented groups): the statistics count these facts, never the person's name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices, blank=True)
    youth = models.BooleanField(default=False)  # of a youth age group, or flagged youth
    vulnerable = models.BooleanField(default=False)  # in at least one consented group
    disability = models.BooleanField(default=False)
    large_family = models.BooleanField(default=False)
    pensioner = models.BooleanField(default=False)
    # Denormalised from the meeting so that statistics over an oblast are one indexed scan.
    kato = models.CharField(max_length=9)
    held_on = models.DateField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="attended_once"),
        ]
        indexes = [models.Index(fields=["kato", "held_on"], name="attendance_by_place")]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.participant_id}"


class AttendanceCount(models.Model):
    """A cell of a counted sign-in sheet (open meetings): how many people of one sex and
    age group came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="counts")
    sex = models.CharField(max_length=1, choices=Sex.choices)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices)
    count = models.PositiveIntegerField(validators=[MaxValueValidator(100_000)])
    kato = models.CharField(max_length=9)
    held_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "sex", "age_group"], name="one_count_per_cell"
            ),
        ]
        indexes = [models.Index(fields=["kato", "held_on"], name="count_by_place")]

    def __str__(self) -> str:
        return f"{self.sex} {self.age_group}: {self.count}"


class GroupCount(models.Model):
    """A counted sheet's line for vulnerable groups: how many of those who came belong to
    any group ("any"), and to each."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="group_counts")
    group = models.CharField(max_length=12, choices=[(g, g) for g in SHEET_GROUPS])
    count = models.PositiveIntegerField(validators=[MaxValueValidator(100_000)])
    kato = models.CharField(max_length=9)
    held_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "group"], name="one_count_per_group"),
        ]
        indexes = [models.Index(fields=["kato", "held_on"], name="group_count_by_place")]

    def __str__(self) -> str:
        return f"{self.group}: {self.count}"


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class MeetingOutput(models.Model):
    """What a meeting produced for the plan: a SWOT item, a problem, the vision of a theme, a
    goal, an action. Once landed, it names the plan element it became (by its uid, kept
    across the plan's versions)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=OutputKind.choices)
    theme = models.CharField(
        _("theme"), max_length=12, choices=Theme.choices, default=Theme.GENERAL
    )
    quadrant = models.CharField(_("SWOT"), max_length=1, choices=Quadrant.choices, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    landed_version = models.ForeignKey(
        "plans.PlanVersion",
        verbose_name=_("plan version it landed in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    landed_uid = models.UUIDField(_("plan element"), null=True, blank=True)
    landed_at = models.DateTimeField(_("sent to the plan"), null=True, blank=True)
    landed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to the plan by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, editable=False, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting output")
        verbose_name_plural = _("meeting outputs")
        ordering = ["meeting", "kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=OutputKind.SWOT, quadrant__in=Quadrant.values)
                | (~Q(kind=OutputKind.SWOT) & Q(quadrant="")),
                name="quadrant_only_for_swot",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def has_landed(self) -> bool:
        return self.landed_uid is not None
