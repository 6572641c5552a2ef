"""Public consultation of a draft plan: comments per section until a deadline, and the
owner's official summary (what was taken into account, and why the rest was not), published
with the plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .people import Participant


class Consultation(models.Model):
    version = models.OneToOneField(
        "plans.PlanVersion",
        verbose_name=_("plan version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Denormalised from the plan (a rural okrug's, a rayon's…) for the policy's scope.
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opens_on = models.DateField(_("opens"))
    closes_at = models.DateTimeField(_("comments until"))
    is_published = models.BooleanField(_("published"), default=True)
    summary_taken = models.TextField(_("what was taken into account"), blank=True)
    summary_not_taken = models.TextField(_("what was not, and why"), blank=True)
    summary_published_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("summary by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        ordering = ["-closes_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}"


class Comment(models.Model):
    """A comment on one section of the draft, shown as typed (as text) unless moderation
    hid it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.CharField(_("section"), max_length=12)
    text = models.TextField(_("comment"), max_length=3000)
    author = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    hidden_reason = models.CharField(_("why hidden"), max_length=14, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["section", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
