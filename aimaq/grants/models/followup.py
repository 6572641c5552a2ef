"""After the decision: appeals, awards with their agreements and tranches, monitoring visits
and the entrepreneur's reports (jobs created, revenue, photos), the business's status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .application import Application
from .decision import Decision


class AppealStatus(models.TextChoices):
    LODGED = "lodged", _("lodged")
    ANSWERED = "answered", _("answered, awaiting the committee's decision")
    UPHELD = "upheld", _("upheld")
    REJECTED = "rejected", _("rejected")


class Appeal(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="appeals", verbose_name=_("application")
    )
    text = models.TextField(_("grounds of the appeal"))
    lodged_at = models.DateTimeField(_("lodged"), auto_now_add=True)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lodged by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.LODGED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("answered by"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-lodged_at"]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_status_display()}"


class AwardStatus(models.TextChoices):
    OFFERED = "offered", _("offered")
    ACCEPTED = "accepted", _("accepted")
    AGREEMENT = "agreement", _("agreement signed")
    DECLINED = "declined", _("declined")
    REVOKED = "revoked", _("revoked")
    COMPLETED = "completed", _("completed")


ACTIVE_AWARDS = (
    AwardStatus.OFFERED,
    AwardStatus.ACCEPTED,
    AwardStatus.AGREEMENT,
    AwardStatus.COMPLETED,
)


class BusinessStatus(models.TextChoices):
    OPERATING = "operating", _("operating")
    IN_TROUBLE = "trouble", _("in trouble")
    CLOSED = "closed", _("closed")


class Award(models.Model):
    """A grant awarded by a signed decision; its agreement, tranches and follow-up."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="award", verbose_name=_("application")
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="awards", verbose_name=_("decision")
    )
    amount = models.PositiveBigIntegerField(_("amount, tenge"))
    status = models.CharField(
        _("status"), max_length=10, choices=AwardStatus.choices, default=AwardStatus.OFFERED
    )
    agreement_number = models.CharField(_("agreement number"), max_length=40, blank=True)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    business_status = models.CharField(
        _("business"), max_length=10, choices=BusinessStatus.choices,
        default=BusinessStatus.OPERATING,
    )  # fmt: skip
    ceremony_on = models.DateField(_("award ceremony"), null=True, blank=True)
    ceremony_place = models.CharField(_("ceremony place"), max_length=120, blank=True)
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["application__case_number"]

    def __str__(self) -> str:
        return f"{self.application} · {self.amount}"

    @property
    def paid(self) -> int:
        return sum(t.amount for t in self.tranches.all() if t.paid_on)


class Tranche(models.Model):
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="tranches", verbose_name=_("award")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    amount = models.PositiveBigIntegerField(_("amount, tenge"))
    due_on = models.DateField(_("due on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "number"]
        constraints = [
            models.UniqueConstraint(fields=["award", "number"], name="grants_tranche_once")
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.number}"


class MonitoringVisit(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    findings = models.TextField(_("findings"))
    business_status = models.CharField(
        _("business found"), max_length=10, choices=BusinessStatus.choices
    )

    class Meta:
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        ordering = ["award", "-visited_on"]

    def __str__(self) -> str:
        return f"{self.award} · {self.visited_on}"


class MonitoringReport(models.Model):
    """The entrepreneur's report for a period: jobs created so far, revenue, notes (photos
    attached through the shared attachments part)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="reports")
    period_end = models.DateField(_("period ending"))
    jobs_created = models.PositiveSmallIntegerField(_("jobs created so far"))
    revenue = models.PositiveBigIntegerField(_("revenue in the period, tenge"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        ordering = ["award", "-period_end"]
        constraints = [
            models.UniqueConstraint(fields=["award", "period_end"], name="grants_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.period_end}"
