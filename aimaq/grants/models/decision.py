"""The committee's decision: which applications are funded, with how much, which wait on the
reserve list. Signed by the chair, it is immutable; an amendment is a new version that
names the one it amends and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aimaq.core.attachments.models import Attachment

from .application import Application
from .call import Competition, RemainderRule
from .committee import CommitteeMember


class DecisionSigned(Exception):
    """A signed decision (or one of its lines) was about to change."""


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed")


class Decision(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="decisions")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)
    remainder_rule = models.CharField(
        _("remainder rule applied"), max_length=8, choices=RemainderRule.choices
    )
    fund = models.PositiveBigIntegerField(_("fund, tenge"))
    total_awarded = models.PositiveBigIntegerField(_("awarded, tenge"), default=0)
    present = models.ManyToManyField(
        CommitteeMember, verbose_name=_("members present"), blank=True, related_name="+"
    )
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    protocol = models.ForeignKey(
        Attachment,
        verbose_name=_("protocol"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["competition", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "version"], name="grants_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.competition} · {self.version}"

    def save(self, *args, **kwargs) -> None:
        if self._stored_status() == DecisionStatus.SIGNED:
            raise DecisionSigned(f"Decision {self.pk} is signed; amend it with a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == DecisionStatus.SIGNED:
            raise DecisionSigned(f"Decision {self.pk} is signed and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == DecisionStatus.SIGNED

    def _stored_status(self) -> str | None:
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()


class Outcome(models.TextChoices):
    SELECTED = "selected", _("selected for a grant")
    REDUCED = "reduced", _("selected for a reduced grant")
    RESERVE = "reserve", _("reserve list")
    BELOW_THRESHOLD = "below", _("below the minimum score")
    NOT_SELECTED = "not_selected", _("not selected")
    FAILED_GATE = "failed", _("did not pass a gate")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DECLINED = "declined", _("award declined")
    REVOKED = "revoked", _("award revoked")


FUNDED = (Outcome.SELECTED, Outcome.REDUCED)
COMPLIANT = (*FUNDED, Outcome.RESERVE, Outcome.NOT_SELECTED, Outcome.DECLINED, Outcome.REVOKED)


class DecisionLine(models.Model):
    """One application in one decision, as it stood then: its gate results, its score by
    criterion, its rank and outcome, the amount awarded."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True)
    criteria = models.JSONField(_("mean score by criterion"), default=dict)
    gates = models.JSONField(_("gate results"), default=dict)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    amount = models.PositiveBigIntegerField(_("amount, tenge"), default=0)
    voters = models.PositiveSmallIntegerField(_("members voting"), default=0)
    recused = models.JSONField(_("members who declared a conflict"), default=list)

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        ordering = ["decision", "rank", "application__case_number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "application"], name="grants_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.application}"

    def save(self, *args, **kwargs) -> None:
        if Decision.objects.filter(pk=self.decision_id, status=DecisionStatus.SIGNED).exists():
            raise DecisionSigned(f"Decision {self.decision_id} is signed.")
        super().save(*args, **kwargs)
