"""Citizens' problems and proposals: where, what, photos; supports; the officials' public
answers; moderation; merges that keep every author and support; the link to the plan action
that answers it, so its author follows "my proposal → action → progress"."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.territories.models import Territory

from ..choices import (
    PUBLIC_PROPOSAL_STATUSES,
    Category,
    ModerationReason,
    ProposalKind,
    ProposalStatus,
)
from .people import Participant


class Proposal(models.Model):
    """A problem or a proposal of residents. `title` and `text` are kept exactly as typed;
    the public sees `public_title` and `public_text`, which moderation may redact (personal
    data, abuse), with the author told why. Everything is shown as text, never as markup."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ProposalKind.choices, default=ProposalKind.PROBLEM
    )
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("description"), max_length=5000)
    public_title = models.CharField(_("title as published"), max_length=200, blank=True)
    public_text = models.TextField(_("description as published"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(40), MaxValueValidator(56)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(46), MaxValueValidator(88)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    is_public = models.BooleanField(_("public"), default=False, editable=False)
    author = models.ForeignKey(
        Participant,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Merges: `merged_into` is the proposal this one joined; `family` the live proposal at
    # the end of the chain (itself while not merged), so supports and authors of everything
    # merged into a proposal are one indexed filter.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    family = models.ForeignKey(
        "self",
        verbose_name=_("counted with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=True,
    )
    moderation_reason = models.CharField(
        _("moderation"), max_length=14, choices=ModerationReason.choices, blank=True
    )
    moderation_note = models.CharField(_("note to the author"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    # The plan action that answers it: the plan, and the action's uid (kept across versions).
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_uid = models.UUIDField(_("plan action"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(excluded_fields=["text", "title", "family"])

    class Meta:
        verbose_name = _("citizen proposal")
        verbose_name_plural = _("citizen proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["territory", "status"], name="proposal_by_place"),
            models.Index(fields=["category", "latitude", "longitude"], name="proposal_nearby"),
        ]

    def __str__(self) -> str:
        return self.shown_title

    def save(self, *args, **kwargs) -> None:
        self.is_public = self.status in PUBLIC_PROPOSAL_STATUSES
        super().save(*args, **kwargs)

    @property
    def shown_title(self) -> str:
        return self.public_title or self.title

    @property
    def shown_text(self) -> str:
        return self.public_text if self.moderated_at else self.text


class Support(models.Model):
    """A person supports a proposal (once). Merges keep the row where it was made; the
    proposal it merged into counts it through `family`."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="supports")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "participant"], name="support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} · {self.participant_id}"


class Answer(models.Model):
    """An official's public answer to a proposal, signed by the organisation, not the person."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("answer"))
    organisation_name = models.CharField(_("on behalf of"), max_length=255, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
