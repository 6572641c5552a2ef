"""The planning process of a territory, its stages, and the bodies that run it: a planning
committee and thematic working groups, with their members."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.accounts.models import Organisation
from aimaq.core.i18n import NamedModel
from aimaq.territories.models import Territory

from ..choices import STAGE_ORDER, BodyKind, Seat, Sector, StageKind, StageStatus, Theme


class PlanningProcess(NamedModel):
    """The inclusive planning of one territory for one plan: who takes part, which
    meetings were held, what they produced. A donor project may support it."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    donor_project = models.ForeignKey(
        Organisation,
        verbose_name=_("donor project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "donor_project"},
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
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
        verbose_name = _("planning process")
        verbose_name_plural = _("planning processes")
        ordering = ["territory__kato", "-starts_on", "pk"]

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The process ends before it starts.")})


class ProcessStage(models.Model):
    """One stage of a process: its dates, its status and the documents it produced
    (attached files)."""

    process = models.ForeignKey(
        PlanningProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("stage"), max_length=16, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    status = models.CharField(
        _("status"), max_length=12, choices=StageStatus.choices, default=StageStatus.NOT_STARTED
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    finished_on = models.DateField(_("finished"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["process", "order"]
        constraints = [
            models.UniqueConstraint(fields=["process", "kind"], name="one_stage_of_a_kind"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def save(self, *args, **kwargs) -> None:
        if not self.order:
            self.order = STAGE_ORDER.index(self.kind) + 1
        super().save(*args, **kwargs)


class Body(models.Model):
    """The planning committee of a process, or one of its thematic working groups."""

    process = models.ForeignKey(
        PlanningProcess, verbose_name=_("process"), on_delete=models.CASCADE, related_name="bodies"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BodyKind.choices)
    theme = models.CharField(
        _("theme"), max_length=12, choices=Theme.choices, default=Theme.GENERAL
    )
    formed_on = models.DateField(_("formed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["process", "kind", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["process", "kind", "theme"], name="one_body_per_theme"),
            models.CheckConstraint(
                condition=Q(kind=BodyKind.COMMITTEE, theme=Theme.GENERAL)
                | (Q(kind=BodyKind.WORKING_GROUP) & ~Q(theme=Theme.GENERAL)),
                name="committee_general_groups_themed",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == BodyKind.COMMITTEE:
            return str(self.get_kind_display())
        return f"{self.get_kind_display()}: {self.get_theme_display()}"


class Membership(models.Model):
    """A seat in a body, held by a person or an organisation. Chairs and secretaries run the
    body's meetings (the object-scoped role the policies count)."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    participant = models.ForeignKey(
        "participation.Participant",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seat = models.CharField(_("seat"), max_length=10, choices=Seat.choices, default=Seat.MEMBER)
    sector = models.CharField(_("sector"), max_length=10, choices=Sector.choices)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "seat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=True, organisation__isnull=False)
                | Q(participant__isnull=False, organisation__isnull=True),
                name="member_is_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["body", "participant"],
                condition=Q(participant__isnull=False),
                name="one_seat_per_person",
            ),
            models.UniqueConstraint(
                fields=["body", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_seat_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_seat_display()} · {self.body}"
