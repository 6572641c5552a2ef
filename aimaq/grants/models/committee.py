"""The competition's committee: an object-scoped body (its seats are rows of this app, counted
by the grants policies), conflict-of-interest declarations, and independent score sheets."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .application import Application
from .call import Competition, Criterion


class InterestGroup(models.TextChoices):
    """The LEADER approach's three sides: none may hold a majority of a decision's votes."""

    PUBLIC = "public", _("public authorities")
    BUSINESS = "business", _("business")
    CIVIL = "civil", _("civil society")


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    MEMBER = "member", _("member")
    SECRETARY = "secretary", _("secretary (no vote)")
    OFFICER = "officer", _("competition officer (runs the call, no vote)")


VOTING_ROLES = (SeatRole.CHAIR, SeatRole.MEMBER)
# Seats that sit on the committee (the officer runs the call beside it).
COMMITTEE_ROLES = (SeatRole.CHAIR, SeatRole.MEMBER, SeatRole.SECRETARY)


class CommitteeMember(models.Model):
    """A person's seat on one competition's committee: it gives rights over this
    competition only."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="members", verbose_name=_("competition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    role = models.CharField(
        _("role"), max_length=10, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    interest_group = models.CharField(
        _("interest group"), max_length=10, choices=InterestGroup.choices
    )
    affiliation = models.CharField(_("organisation and position"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["competition", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="grants_one_seat")
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES


class ConflictDeclaration(models.Model):
    """A member's declared conflict of interest on one application: from then on the member
    neither sees nor scores it, on any path."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["application", "user"], name="grants_declare_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.application}"


class ScoreSheet(models.Model):
    """One member's scores for one application; others' sheets stay hidden from the member
    until this one is submitted."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="score_sheets",
        verbose_name=_("application"),
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("member")
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    total = models.DecimalField(
        _("weighted total"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    # The sheet's scores as criterion code → tenths of a point (7.5 → 75), written with the
    # scores by `save_sheet`: the committee's table sums a thousand applications' sheets from
    # these instead of grouping every score row.
    values = models.JSONField(_("scores by criterion, in tenths"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["application", "member"]
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="grants_one_sheet")
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.member}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    # No row history: a submitted score changed again is logged (grants.rescored) with its
    # old and new value, and drafts are the member's own business.

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="grants_one_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"

    @property
    def weighted(self) -> Decimal:
        return self.value * self.criterion.weight


class ScoreSummary(models.Model):
    """One application's standing with the committee, kept by the services that change what
    it depends on (a sheet saved, a conflict declared, a criterion changed, the minimum
    criteria checked), so the committee's table reads one row per application instead of
    every sheet. Priority bonuses are added when it is read (a group's bonus may change)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, primary_key=True, related_name="score_summary"
    )
    # Valid sheets: submitted, every scored criterion given, by a member without a declared
    # conflict of interest on the application.
    sheets = models.PositiveSmallIntegerField(_("sheets counted"), default=0)
    # criterion code → the valid sheets' scores summed, in tenths of a point (exact).
    sums = models.JSONField(_("scores summed by criterion, in tenths"), default=dict, blank=True)
    weighted = models.DecimalField(
        _("mean weighted total"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    # The minimum criteria: all met, one failed, or not all checked yet (None); met when the
    # call has none.
    minimum_passed = models.BooleanField(_("minimum criteria met"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score summary")
        verbose_name_plural = _("score summaries")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.weighted} ({self.sheets})"
