"""An action plan or indicator table uploaded from Excel into a draft (the shared flow)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from aimaq.core.tabular.flow import ImportRecord

from .plans import PlanVersion


class ActionPlanImport(ImportRecord):
    """One XLSX file brought into a draft: who, when, the file kept, what its check found."""

    importer_path = "aimaq.plans.importing.ActionPlanImporter"

    # Also in options["version"], which the check reads (the flow saves the record first).
    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="imports",
    )
    report = models.JSONField(_("what the check found"), default=dict, blank=True)

    class Meta:
        verbose_name = _("action plan import")
        verbose_name_plural = _("action plan imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
