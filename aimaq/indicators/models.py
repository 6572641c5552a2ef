from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.core.i18n import NamedModel, localized
from aimaq.core.jobs.models import JobStatus
from aimaq.core.tabular.flow import ImportRecord
from aimaq.territories.models import Territory


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("higher is better")
    LOWER_IS_BETTER = "lower", _("lower is better")
    NEUTRAL = "neutral", _("neutral")


class Theme(models.TextChoices):
    ECONOMY = "economy", _("economy")
    SOCIAL = "social", _("social")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")
    ENVIRONMENT = "environment", _("environment")
    GOVERNANCE = "governance", _("governance")
    POVERTY = "poverty", _("poverty")


class Periodicity(models.TextChoices):
    YEAR = "year", _("year")
    QUARTER = "quarter", _("quarter")
    MONTH = "month", _("month")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum of the parts")
    POPULATION_WEIGHTED = "population_weighted", _("average weighted by population")
    INDICATOR_WEIGHTED = "indicator_weighted", _("average weighted by another indicator")
    MIN = "min", _("minimum")
    MAX = "max", _("maximum")
    NONE = "none", _("not aggregable")


class Dimension(NamedModel):
    """A way to break a figure down: sex, age group, urban/rural."""

    code = models.SlugField(_("code"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("disaggregation dimension")
        verbose_name_plural = _("disaggregation dimensions")
        ordering = ["code"]


class Category(NamedModel):
    """One value of a dimension: female, 15–28 years, rural."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=32)

    class Meta:
        verbose_name = _("disaggregation category")
        verbose_name_plural = _("disaggregation categories")
        ordering = ["dimension", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"], name="one_category_code_per_dimension"
            )
        ]


class Indicator(NamedModel):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    unit_kk = models.CharField(_("unit (Kazakh)"), max_length=64, blank=True)
    unit_ru = models.CharField(_("unit (Russian)"), max_length=64, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=64, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    periodicity = models.CharField(
        _("periodicity"), max_length=8, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    aggregation = models.CharField(
        _("aggregation up the territory tree"), max_length=24, choices=Aggregation.choices
    )
    weight_indicator = models.ForeignKey(
        "self",
        verbose_name=_("weight indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For averages weighted by another indicator."),
    )
    dimensions = models.ManyToManyField(
        Dimension, verbose_name=_("disaggregations"), blank=True, related_name="indicators"
    )
    # What the indicator is, how it is calculated, who publishes it and when: texts in the
    # three languages, read in the reader's one (`localized`) like names.
    definition_kk = models.TextField(_("definition (Kazakh)"), blank=True)
    definition_ru = models.TextField(_("definition (Russian)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    method_kk = models.TextField(_("method of calculation (Kazakh)"), blank=True)
    method_ru = models.TextField(_("method of calculation (Russian)"), blank=True)
    method_en = models.TextField(_("method of calculation (English)"), blank=True)
    source_kk = models.CharField(_("source (Kazakh)"), max_length=255, blank=True)
    source_ru = models.CharField(_("source (Russian)"), max_length=255, blank=True)
    source_en = models.CharField(_("source (English)"), max_length=255, blank=True)
    schedule_kk = models.CharField(_("publication schedule (Kazakh)"), max_length=255, blank=True)
    schedule_ru = models.CharField(_("publication schedule (Russian)"), max_length=255, blank=True)
    schedule_en = models.CharField(_("publication schedule (English)"), max_length=255, blank=True)
    # Derived indicators: numerator / denominator × factor (poverty rate = poor / population × 100).
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("numerator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    factor = models.DecimalField(_("factor"), max_digits=12, decimal_places=4, default=1)
    sdg_target = models.CharField(_("SDG target"), max_length=16, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["theme", "code"]

    @property
    def unit(self) -> str:
        return localized(self, "unit")

    @property
    def source(self) -> str:
        return localized(self, "source")

    @property
    def definition(self) -> str:
        return localized(self, "definition")

    @property
    def method(self) -> str:
        return localized(self, "method")

    @property
    def schedule(self) -> str:
        return localized(self, "schedule")

    @property
    def is_derived(self) -> bool:
        return self.numerator_id is not None and self.denominator_id is not None

    @property
    def part_ids(self) -> tuple[int, int]:
        """(numerator id, denominator id) of a derived indicator; ValueError for another."""
        if self.numerator_id is None or self.denominator_id is None:
            raise ValueError(f"Indicator {self.code} has no numerator and denominator.")
        return self.numerator_id, self.denominator_id

    def parts(self) -> tuple[Indicator, Indicator]:
        """(numerator, denominator) of a derived indicator; ValueError for another."""
        if self.numerator is None or self.denominator is None:
            raise ValueError(f"Indicator {self.code} has no numerator and denominator.")
        return self.numerator, self.denominator


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", _("validating")
    PREVIEW = "preview", _("ready to confirm")
    REFUSED = "refused", _("refused")
    QUEUED = "queued", _("queued")
    WRITING = "writing", _("writing")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


# An import's status, from the status of its current job: the check before confirmation,
# the write after it.
CHECK_STATUS: dict[str, ImportStatus] = {
    JobStatus.QUEUED: ImportStatus.VALIDATING,
    JobStatus.RUNNING: ImportStatus.VALIDATING,
    JobStatus.DONE: ImportStatus.PREVIEW,
    JobStatus.REFUSED: ImportStatus.REFUSED,
    JobStatus.FAILED: ImportStatus.FAILED,
}
WRITE_STATUS: dict[str, ImportStatus] = {
    JobStatus.QUEUED: ImportStatus.QUEUED,
    JobStatus.RUNNING: ImportStatus.WRITING,
    JobStatus.DONE: ImportStatus.DONE,
    JobStatus.REFUSED: ImportStatus.REFUSED,
    JobStatus.FAILED: ImportStatus.FAILED,
}


class ImportRun(ImportRecord):
    """One file brought in: who, when, what it held, what it changed. The file, the options
    and the check and write jobs (status, progress, worker) are the import flow's
    (`aimaq.core.tabular.flow`); the counts, errors and focus are this import's own."""

    importer_path = "aimaq.indicators.importing.web.ObservationImporter"

    file_format = models.CharField(_("file format"), max_length=16)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    new = models.PositiveIntegerField(_("new values"), default=0)
    changed = models.PositiveIntegerField(_("changed values"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged values"), default=0)
    refused = models.PositiveIntegerField(_("refused rows"), default=0)
    skipped = models.PositiveIntegerField(_("empty cells skipped"), default=0)
    # All errors found; `errors` keeps the first MAX_ERRORS of them.
    error_count = models.PositiveIntegerField(_("errors found"), default=0)
    errors = models.JSONField(_("first errors"), default=list, blank=True)
    # Where the written values show best: {"indicator": code, "parent": KATO, "period": …}.
    focus = models.JSONField(_("where the figures show best"), default=dict, blank=True)
    # The codes of the indicators the file holds values of.
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    # What the preview shows beside the counts: the file's header and the part each column
    # plays, each distinct territory name with the unit it was read as, the first changed
    # values (old → new), and the values left out by the period filter.
    columns = models.JSONField(_("columns of the file"), default=list, blank=True)
    roles = models.JSONField(_("how the columns were read"), default=dict, blank=True)
    matches = models.JSONField(_("territory names read"), default=list, blank=True)
    changes = models.JSONField(_("first changed values"), default=list, blank=True)
    left_out = models.PositiveIntegerField(_("values of other periods left out"), default=0)
    # Set in the transaction that wrote the values: a run without it wrote nothing (its
    # revisions, prepared before the write, are not history yet).
    written_at = models.DateTimeField(_("written at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of figures")
        verbose_name_plural = _("imports of figures")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def status(self) -> str:
        if self.write_job is not None:
            return WRITE_STATUS[self.write_job.status]
        if self.check_job is not None:
            return CHECK_STATUS[self.check_job.status]
        return ImportStatus.QUEUED if self.confirmed_at else ImportStatus.VALIDATING

    def get_status_display(self) -> str:
        return str(ImportStatus(self.status).label)

    @property
    def rows_done(self) -> int:
        job = self.current_job
        return job.done if job is not None else 0

    @property
    def finished_at(self):
        job = self.current_job
        return job.finished_at if job is not None else None

    @property
    def is_stalled(self) -> bool:
        job = self.current_job
        return job is not None and job.is_stalled

    @property
    def is_waiting_long(self) -> bool:
        job = self.current_job
        return job is not None and job.is_waiting_long


class ObservationStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("provisional")
    FINAL = "final", _("final")
    # A value for a period to come, or estimated ahead of the statistics: kept apart from
    # reported figures on every page (the analysis reads `Observation.reported`).
    PROJECTION = "projection", _("projection or forecast")


class Observation(models.Model):
    """One value: indicator × territory × period × disaggregation, that key its primary key.

    `period` is an SDMX time period: 2022, 2022-Q1, 2022-03. `disaggregation` is the
    canonical key of its categories, "sex=female;area=rural", empty for the total.

    The key is the whole index: on SQLite the table is stored WITHOUT ROWID, ordered by it
    (migration 0002), so a national load appends to one B-tree and every read — a territory's
    profile included, by listing the indicators — is a range of it. No secondary index:
    each one would cost a national import seconds and hundreds of megabytes.
    """

    pk = models.CompositePrimaryKey("indicator_id", "territory_id", "period", "disaggregation")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", db_index=False
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    period = models.CharField(max_length=7)
    disaggregation = models.CharField(max_length=64, blank=True, default="")
    value = models.FloatField()
    status = models.CharField(
        max_length=12, choices=ObservationStatus.choices, default=ObservationStatus.FINAL
    )
    source = models.CharField(max_length=255, blank=True)
    import_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, db_index=False
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator_id} · {self.territory_id} · {self.period} = {self.value}"


class RevisionQuerySet(models.QuerySet):
    def replaced(self) -> RevisionQuerySet:
        """Values really replaced: revisions of imports that wrote. An import on SQLite
        writes its revisions before the short transaction that writes its values (see
        importing/writing.py); until then, or when that write fails, they are not history."""
        return self.filter(replaced_by__written_at__isnull=False)


class ObservationRevision(models.Model):
    """The value an import replaced, so a re-import keeps history without copying 12M rows.
    Found by the observation's key."""

    # The index below, on the key, starts with the indicator: no index of its own.
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+",
        db_index=False,
    )  # fmt: skip
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=7)
    disaggregation = models.CharField(_("disaggregation"), max_length=64, blank=True, default="")
    value = models.FloatField(_("value"))
    status = models.CharField(_("status"), max_length=12, choices=ObservationStatus.choices)
    import_run = models.ForeignKey(
        ImportRun, verbose_name=_("written by the import"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    replaced_by = models.ForeignKey(
        ImportRun, verbose_name=_("replaced by the import"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("replaced value")
        verbose_name_plural = _("replaced values")
        indexes = [models.Index(fields=["indicator", "territory", "period", "disaggregation"])]

    def __str__(self) -> str:
        return f"{self.period}: {self.value} (replaced {self.replaced_at:%Y-%m-%d})"

    @classmethod
    def of(cls, observation: Observation) -> models.QuerySet:
        """The values `observation` held before, newest first."""
        return (
            cls.objects.replaced()
            .filter(
                indicator_id=observation.indicator_id,
                territory_id=observation.territory_id,
                period=observation.period,
                disaggregation=observation.disaggregation,
            )
            .order_by("-replaced_at", "-pk")
        )


# Data approval before publication: its own model and migration (approval_models.py).
from .approval_models import ApprovalStatus, ImportApproval, IndicatorVersion  # noqa: E402
from .dashboard_models import Dashboard, DashboardItem, DashboardItemKind  # noqa: E402
from .sum_models import StoredSum, StoredValue, StoredYearCount  # noqa: E402

__all__ = [
    "Aggregation", "ApprovalStatus", "Category", "Dashboard", "DashboardItem",
    "DashboardItemKind", "Dimension", "Direction", "ImportApproval",
    "ImportRun", "ImportStatus", "Indicator", "IndicatorVersion", "Observation", "ObservationRevision",
    "ObservationStatus", "Periodicity", "StoredSum", "StoredValue", "StoredYearCount", "Theme",
]  # fmt: skip
