"""Data approval before publication: the state of an import's figures, kept apart from the
import itself (its file, checks and jobs are the import flow's)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aimaq.territories.models import Territory


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved and published")
    RETURNED = "returned", _("returned for correction")


class ImportApproval(models.Model):
    """Whether the figures an import wrote are published. An import without one (from the
    command line or the demo, or written before approvals existed) is published."""

    import_run = models.OneToOneField(
        "indicators.ImportRun",
        verbose_name=_("import"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="approval",
    )
    # The smallest unit that holds every figure the import wrote: a manager of it (or of a
    # unit above it) approves.
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, db_index=True
    )
    figures = models.PositiveIntegerField(_("figures written"), default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval of imported figures")
        verbose_name_plural = _("approvals of imported figures")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.import_run_id}: {self.get_status_display()}"

    @property
    def is_published(self) -> bool:
        return self.status == ApprovalStatus.APPROVED


class IndicatorVersion(models.Model):
    """A counter of changes to an indicator's figures (imports, approvals, edits of the
    territories they are aggregated over): what cached pages and the table of values
    computed from below are checked against. The largest `changed` is the evidence base's
    data version."""

    indicator = models.OneToOneField(
        "indicators.Indicator", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    changed = models.BigIntegerField(default=1)
    # The `changed` value the stored sums (`sums.py`) were made at, and the digest of the
    # territory tree they were made over: they are read only while both still hold.
    computed = models.BigIntegerField(default=0)
    sums_tree = models.CharField(max_length=24, blank=True, default="")
    # The digest of what the stored values computed from below (`StoredValue`) were made
    # from: the tree in time with populations, the indicator's rule and the figure versions
    # of it and of the indicators it is computed with (`sums_below.values_key`).
    values_key = models.CharField(max_length=24, blank=True, default="")

    class Meta:
        verbose_name = _("version of an indicator's figures")
        verbose_name_plural = _("versions of indicators' figures")

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.changed}/{self.computed}"
