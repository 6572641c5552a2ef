"""What a version of a plan holds: section texts, evidence, SWOT, the problem tree, the
results chain (goal › outcome › output › action), costs by source and year, envelopes.

Every row belongs to one version and carries a `uid` kept across versions (an amendment
copies the rows with their uids). Rows refuse to be saved or deleted once their version is
no longer a draft or under consultation: an approved version never changes, whichever way
(page, API, admin) the change comes.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from aimaq.accounts.models import Organisation
from aimaq.core.i18n import NamedModel, localized
from aimaq.indicators.models import Indicator
from aimaq.territories.models import Territory

from .choices import (
    EDITABLE_STATUSES,
    ActionStatus,
    EvidenceKind,
    FocusArea,
    ProblemRole,
    Section,
    SwotQuadrant,
)
from .plans import FrozenVersion, FundingSource, PlanVersion, Uid


class VersionContent(models.Model):
    """A row of one version's content, frozen with its version."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="%(class)ss"
    )
    uid = Uid()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.version_is_editable():
            raise FrozenVersion()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.version_is_editable():
            raise FrozenVersion()
        return super().delete(*args, **kwargs)

    def version_is_editable(self) -> bool:
        return PlanVersion.objects.filter(pk=self.version_id, status__in=EDITABLE_STATUSES).exists()


class Worded(models.Model):
    """A text in Kazakh, Russian and English; `text` reads the active language."""

    text_kk = models.TextField(_("text (Kazakh)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text(self) -> str:
        return localized(self, "text")


class SectionText(VersionContent, Worded):
    """The running text of one of the five official sections."""

    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section text")
        verbose_name_plural = _("section texts")
        constraints = [
            models.UniqueConstraint(fields=["version", "section"], name="one_text_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}"


class EvidenceBlock(VersionContent, Worded):
    """A live block of the evidence base in the situation analysis (a profile table, a
    series chart, a map), frozen into `snapshot` when the version is approved, with the date
    of its latest figure."""

    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the plan's territory."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    snapshot = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)

    FREEZE_FIELDS = frozenset({"snapshot", "frozen_at"})

    class Meta:
        verbose_name = _("evidence block")
        verbose_name_plural = _("evidence blocks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.indicator or ''}".strip()

    def save(self, *args, **kwargs) -> None:
        # Approval freezes the figures of an agreed version; nothing else may change then.
        fields = kwargs.get("update_fields")
        if fields is not None and set(fields) <= self.FREEZE_FIELDS:
            models.Model.save(self, *args, **kwargs)
            return
        super().save(*args, **kwargs)


class SwotItem(VersionContent, Worded):
    focus_area = models.CharField(
        _("focus area"), max_length=12, choices=FocusArea.choices, default=FocusArea.GENERAL
    )
    quadrant = models.CharField(_("quadrant"), max_length=1, choices=SwotQuadrant.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["focus_area", "quadrant", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.quadrant}: {self.text[:80]}"


class Problem(VersionContent, Worded):
    """A node of the problem tree: a core problem, or a cause or effect of one; it links to
    the evidence that shows it."""

    role = models.CharField(_("role in the tree"), max_length=8, choices=ProblemRole.choices)
    core = models.ForeignKey(
        "self",
        verbose_name=_("core problem"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="branches",
        limit_choices_to={"role": ProblemRole.CORE},
    )
    focus_area = models.CharField(
        _("focus area"), max_length=12, choices=FocusArea.choices, default=FocusArea.GENERAL
    )
    evidence_indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("evidence: indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence_note = models.TextField(_("evidence"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Goal(VersionContent, NamedModel):
    code = models.CharField(_("number"), max_length=16, blank=True)
    focus_area = models.CharField(
        _("focus area"), max_length=12, choices=FocusArea.choices, default=FocusArea.GENERAL
    )
    # A rural okrug's goal serves the rayon's, the rayon's the oblast's: progress rolls up.
    aligned_to = models.ForeignKey(
        "self",
        verbose_name=_("contributes to the goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    problems = models.ManyToManyField(
        Problem, verbose_name=_("problems it addresses"), blank=True, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Outcome(VersionContent, NamedModel):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="outcomes"
    )
    code = models.CharField(_("number"), max_length=16, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Output(VersionContent, NamedModel):
    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="outputs"
    )
    code = models.CharField(_("number"), max_length=16, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("results chain", "output")
        verbose_name_plural = _("outputs")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


three_digits = RegexValidator(r"^[0-9]{3}$", _("Three digits of the budget classification."))


class Action(VersionContent, NamedModel):
    """A way to achieve the goals: who does it, when, what it costs from which source."""

    code = models.CharField(_("number"), max_length=16, blank=True)
    output = models.ForeignKey(
        Output,
        verbose_name=pgettext_lazy("results chain", "output"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals it serves"), blank=True, related_name="actions"
    )
    problems = models.ManyToManyField(
        Problem, verbose_name=_("problems it addresses"), blank=True, related_name="actions"
    )
    responsible = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    percent_done = models.PositiveSmallIntegerField(
        _("per cent done"), default=0, validators=[MaxValueValidator(100)]
    )
    # The budget programme it is financed from (budget classification codes).
    budget_administrator = models.CharField(
        _("budget administrator"), max_length=3, blank=True, validators=[three_digits]
    )
    budget_programme = models.CharField(
        _("budget programme"), max_length=3, blank=True, validators=[three_digits]
    )
    budget_subprogramme = models.CharField(
        _("budget subprogramme"), max_length=3, blank=True, validators=[three_digits]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="action_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def budget_code(self) -> str:
        parts = [self.budget_administrator, self.budget_programme, self.budget_subprogramme]
        return " ".join(part for part in parts if part)


class ActionCost(VersionContent):
    """What an action costs in one year from one source, in whole tenge."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="costs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.PositiveBigIntegerField(_("amount, tenge"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action cost")
        verbose_name_plural = _("action costs")
        ordering = ["year", "source__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "year", "source"], name="one_cost_per_action_year_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.source_id}: {self.amount}"


class FundingEnvelope(VersionContent):
    """The money a source makes available to the plan in a year, in whole tenge."""

    year = models.PositiveSmallIntegerField(_("year"))
    source = models.ForeignKey(
        FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.PositiveBigIntegerField(_("amount, tenge"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding envelope")
        verbose_name_plural = _("funding envelopes")
        ordering = ["year", "source__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year", "source"], name="one_envelope_per_year_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.source_id}: {self.amount}"


class TraceLink(models.Model):
    """Where a plan element came from outside the plan: a meeting's decision, a citizen's
    proposal, a working group's SWOT. Other apps add them through `services.trace()` with
    their own reference ("participation.proposal:12"), so plans imports none of them."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="traces")
    element_kind = models.CharField(_("element"), max_length=24)
    element_uid = models.UUIDField(_("element id"), db_index=True)
    source = models.CharField(_("source reference"), max_length=120)
    label = models.CharField(_("source"), max_length=255)
    url = models.CharField(_("address"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("traced-from link")
        verbose_name_plural = _("traced-from links")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "element_uid", "source"], name="one_trace_per_source"
            )
        ]

    def __str__(self) -> str:
        return self.label
