"""Applications: who applies, for what, with which budget; their intake (online or from
paper, with a receipt and a second official's confirmation); the gates they pass or fail,
with plain reasons; duplicates flagged."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.core.money import MAX_TENGE, grouped_tenge
from aimaq.territories.models import Territory

from .call import IDENTIFIER_OF, ApplicantType, Competition, Criterion, PriorityGroup

HUNDRED = Decimal(100)


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    AWAITING_CONFIRMATION = "awaiting", _("entered from paper, awaiting confirmation")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("agriculture")
    PROCESSING = "processing", _("food and farm processing")
    CRAFTS = "crafts", _("crafts and small manufacturing")
    SERVICES = "services", _("services to the population")
    TRADE = "trade", _("trade")
    TOURISM = "tourism", _("tourism")
    OTHER = "other", _("other")


class Application(models.Model):
    """One application to one competition. After submission it is frozen: the gates judge
    it as it was then."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("competition"),
    )
    case_number = models.CharField(_("case number"), max_length=20)
    channel = models.CharField(_("received"), max_length=6, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applicant_type = models.CharField(
        _("applicant type"), max_length=16, choices=ApplicantType.choices
    )
    # Public once results are published
    applicant_name = models.CharField(_("applicant's name"), max_length=200)
    business_name = models.CharField(_("business"), max_length=200)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("where the business works"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    description = models.TextField(_("the business project"))
    jobs_planned = models.PositiveSmallIntegerField(_("jobs to be created"), default=0)
    priority_groups = models.ManyToManyField(
        PriorityGroup, verbose_name=_("priority groups"), blank=True, related_name="applications"
    )
    # Personal: never on public pages, exports or logs
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    bin = models.CharField(_("BIN"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=2, choices=settings.LANGUAGES, default="ru"
    )
    # Totals, recomputed from the budget lines on every change
    total_cost = models.PositiveBigIntegerField(_("project budget, tenge"), default=0)
    requested = models.PositiveBigIntegerField(_("requested from the fund, tenge"), default=0)
    own_contribution = models.PositiveBigIntegerField(_("own contribution, tenge"), default=0)
    # Intake
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attachments_on_paper = models.PositiveSmallIntegerField(_("attachments handed in"), default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entry confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("entry confirmed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords(excluded_fields=["iin", "bin", "phone", "email", "address"])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["competition", "case_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "case_number"], name="grants_case_number_once"
            )
        ]
        indexes = [models.Index(fields=["competition", "status"], name="grants_app_status")]

    def __str__(self) -> str:
        return f"{self.case_number} {self.business_name}"

    @property
    def identifier(self) -> str:
        """The IIN or BIN this kind of applicant is identified by."""
        kind = IDENTIFIER_OF.get(self.applicant_type, "iin")
        return self.iin if kind == "iin" else self.bin

    @property
    def own_share(self) -> Decimal | None:
        """Own contribution as % of the total, two decimals (None without a budget)."""
        if not self.total_cost:
            return None
        share = Decimal(self.own_contribution) * HUNDRED / Decimal(self.total_cost)
        return share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def is_frozen(self) -> bool:
        return self.status != Status.DRAFT


class BudgetLine(models.Model):
    """An item of the project's budget: what it costs, and who pays how much of it."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("application"),
    )
    item = models.CharField(_("item"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, default=1)
    unit_cost = models.PositiveBigIntegerField(_("unit cost, tenge"))
    requested = models.PositiveBigIntegerField(_("from the fund, tenge"), default=0)
    own = models.PositiveBigIntegerField(_("own contribution, tenge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.item

    @property
    def total(self) -> int:
        """Quantity × unit cost, rounded to the tenge."""
        return int((self.quantity * self.unit_cost).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def clean(self) -> None:
        if self.quantity is None or self.unit_cost is None:
            return
        if self.quantity <= 0:
            raise ValidationError({"quantity": _("The quantity must be more than zero.")})
        if self.total > MAX_TENGE:
            raise ValidationError(
                _("«%(item)s»: the line's total %(total)s tenge is more than %(max)s tenge.")
                % {
                    "item": self.item,
                    "total": grouped_tenge(self.total),
                    "max": grouped_tenge(MAX_TENGE),
                }
            )
        if (self.requested or 0) + (self.own or 0) != self.total:
            raise ValidationError(
                _(
                    "«%(item)s»: %(requested)s from the fund + %(own)s own contribution should make the line's total %(total)s tenge."
                )
                % {
                    "item": self.item,
                    "requested": self.requested or 0,
                    "own": self.own or 0,
                    "total": self.total,
                }
            )


class Gate(models.TextChoices):
    """The stages an application passes, in order."""

    FORMAL = "formal", _("formal check")
    ELIGIBILITY = "eligibility", _("eligibility")
    MINIMUM = "minimum", _("minimum criteria")
    SCORING = "scoring", _("scoring")


GATE_ORDER = [Gate.FORMAL, Gate.ELIGIBILITY, Gate.MINIMUM, Gate.SCORING]


class GateResult(models.Model):
    """An application's result at one gate, with its reasons (codes and facts, worded in
    the reader's language), and an official's override with its recorded reason."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="gates", verbose_name=_("application")
    )
    gate = models.CharField(_("gate"), max_length=12, choices=Gate.choices)
    passed = models.BooleanField(_("passed"), null=True, help_text=_("Empty: not judged yet."))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    judged_at = models.DateTimeField(_("judged"), null=True, blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overridden = models.BooleanField(_("overridden"), default=False)
    override_passed = models.BooleanField(_("passed after the override"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overridden_at = models.DateTimeField(_("overridden"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gate result")
        verbose_name_plural = _("gate results")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "gate"], name="grants_one_result_per_gate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.gate}"

    @property
    def outcome(self) -> bool | None:
        """The result that counts: the override's when there is one."""
        return self.override_passed if self.overridden else self.passed


class MinimumCheck(models.Model):
    """An official's finding on one minimum (pass/fail) criterion for one application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="minimum_checks"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    passed = models.BooleanField(_("met"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), auto_now=True)

    class Meta:
        verbose_name = _("minimum criterion check")
        verbose_name_plural = _("minimum criterion checks")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="grants_one_minimum_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.criterion}"


class DuplicateKind(models.TextChoices):
    SAME_IDENTIFIER = "same_id", _("the same IIN or BIN")
    SIMILAR_TEXT = "similar_text", _("a nearly identical project text")


class DuplicateFlag(models.Model):
    """Two applications of one call that look like the same applicant or the same project."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="duplicate_flags"
    )
    other = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("why"), max_length=12, choices=DuplicateKind.choices)
    similarity = models.PositiveSmallIntegerField(_("similarity, %"), default=100)
    flagged_at = models.DateTimeField(_("flagged"), auto_now_add=True)

    class Meta:
        verbose_name = _("duplicate flag")
        verbose_name_plural = _("duplicate flags")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "other", "kind"], name="grants_flag_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} ~ {self.other}"
