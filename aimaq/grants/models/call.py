"""The call: who organises it, how much money there is, who may apply, how applications are
judged and when. Money is whole tenge; shares are percentages with two decimals."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.accounts.models import Organisation
from aimaq.core.i18n import NamedModel, localized
from aimaq.territories.models import Territory

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class ApplicantType(models.TextChoices):
    INDIVIDUAL_ENTREPRENEUR = "ie", _("individual entrepreneur")
    SMALL_BUSINESS = "small_business", _("small business")
    POTENTIAL = "potential", _("potential entrepreneur")
    LEGAL_ENTITY = "legal_entity", _("legal entity")


# Which number identifies each kind of applicant: an IIN for people, a BIN for entities.
IDENTIFIER_OF: dict[str, str] = {
    ApplicantType.INDIVIDUAL_ENTREPRENEUR: "iin",
    ApplicantType.POTENTIAL: "iin",
    ApplicantType.SMALL_BUSINESS: "bin",
    ApplicantType.LEGAL_ENTITY: "bin",
}


class RemainderRule(models.TextChoices):
    """What happens when the next application in rank order does not fit the remainder."""

    STOP = "stop", _("stop: the fund's remainder stays unspent")
    SKIP = "skip", _("skip to the next application that fits")
    REDUCE = "reduce", _("offer the next application a reduced grant")


class Competition(NamedModel):
    """A call for applications: its money, its eligibility rules, its evaluation and its
    dates. The rules are fixed once the call opens; applications are judged by them as at
    their submission."""

    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organiser_name_kk = models.CharField(_("organiser (Kazakh)"), max_length=255, blank=True)
    organiser_name_ru = models.CharField(_("organiser (Russian)"), max_length=255, blank=True)
    organiser_name_en = models.CharField(_("organiser (English)"), max_length=255, blank=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory of the organiser"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Officials with a role over this territory run the competition."),
    )
    # Money
    fund = models.PositiveBigIntegerField(_("fund, tenge"))
    min_budget = models.PositiveBigIntegerField(_("minimum project budget, tenge"))
    max_budget = models.PositiveBigIntegerField(_("maximum project budget, tenge"))
    own_share_min = models.DecimalField(
        _("minimum own contribution, % of the total"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
    )
    own_share_max = models.DecimalField(
        _("maximum own contribution, % of the total"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
    )
    # Who may apply
    applicant_types = models.JSONField(_("applicant types"), default=list)
    eligible_territories = models.ManyToManyField(
        Territory, verbose_name=_("eligible territories"), related_name="+"
    )
    applications_per_applicant = models.PositiveSmallIntegerField(
        _("applications per applicant"), default=1
    )
    # Evaluation
    min_total = models.DecimalField(
        _("minimum total score to be fundable"), max_digits=7, decimal_places=2, default=0
    )
    remainder_rule = models.CharField(
        _("when the next application does not fit"),
        max_length=8,
        choices=RemainderRule.choices,
        default=RemainderRule.SKIP,
    )
    reduced_floor = models.DecimalField(
        _("smallest reduced grant, % of the request"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=PERCENT,
    )
    outlier_share = models.DecimalField(
        _("outlying score: distance from the others' mean, % of the criterion's maximum"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("30"),
        validators=PERCENT,
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum: voting members needed for a decision"), default=3
    )
    max_group_share = models.DecimalField(
        _("largest share of votes one interest group may hold, %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("49"),
        validators=PERCENT,
    )
    # Dates
    announced_on = models.DateField(_("announced on"))
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    committee_on = models.DateField(_("committee meets on"), null=True, blank=True)
    results_on = models.DateField(_("results announced on"), null=True, blank=True)
    appeals_until = models.DateField(_("appeals accepted until"), null=True, blank=True)
    # Texts
    summary_kk = models.TextField(_("announcement (Kazakh)"), blank=True)
    summary_ru = models.TextField(_("announcement (Russian)"), blank=True)
    summary_en = models.TextField(_("announcement (English)"), blank=True)
    documents_kk = models.TextField(_("required documents (Kazakh), one a line"), blank=True)
    documents_ru = models.TextField(_("required documents (Russian), one a line"), blank=True)
    documents_en = models.TextField(_("required documents (English), one a line"), blank=True)
    # Publication
    is_published = models.BooleanField(_("call published"), default=False)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    source = models.TextField(
        _("source of the facts"),
        blank=True,
        help_text=_("Which facts come from a public source, and which are demo data."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant competition")
        verbose_name_plural = _("grant competitions")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_budget__lte=models.F("max_budget")),
                name="grants_budget_bounds_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(own_share_min__lte=models.F("own_share_max")),
                name="grants_share_bounds_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="grants_opens_before_closing",
            ),
        ]

    @property
    def organiser_name(self) -> str:
        if self.organiser_id:
            return self.organiser.name  # type: ignore[union-attr]
        return localized(self, "organiser_name")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def required_documents(self) -> list[str]:
        return [line.strip() for line in localized(self, "documents").splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return self.is_published and self.opens_at <= timezone.now() < self.closes_at

    @property
    def results_are_public(self) -> bool:
        return self.results_published_at is not None

    def applicant_type_labels(self) -> list[str]:
        return [str(ApplicantType(code).label) for code in self.applicant_types]

    def clean(self) -> None:
        errors: dict[str, object] = {}
        unknown = [code for code in self.applicant_types if code not in ApplicantType.values]
        if unknown or not self.applicant_types:
            errors["applicant_types"] = _("Choose one or more of: %(choices)s.") % {
                "choices": ", ".join(ApplicantType.values)
            }
        if self.max_budget is not None and self.fund is not None and self.max_budget > self.fund:
            errors["max_budget"] = _("A project budget cannot exceed the fund.")
        if (
            self.min_budget is not None
            and self.max_budget is not None
            and self.min_budget > self.max_budget
        ):
            errors["min_budget"] = _("The minimum budget is above the maximum.")
        if (
            self.own_share_min is not None
            and self.own_share_max is not None
            and self.own_share_min > self.own_share_max
        ):
            errors["own_share_min"] = _("The minimum share is above the maximum.")
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            errors["closes_at"] = _("Applications must close after they open.")
        if errors:
            raise ValidationError(errors)


class CriterionKind(models.TextChoices):
    SCORED = "scored", _("scored by the committee")
    PASS_FAIL = "pass_fail", _("minimum criterion (pass or fail)")


class Criterion(NamedModel):
    """An evaluation criterion: scored (with a weight and a maximum) or a minimum criterion
    every application must pass before it is scored."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("competition"),
    )
    code = models.SlugField(_("code"), max_length=32)
    kind = models.CharField(
        _("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.SCORED
    )
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    tie_break = models.PositiveSmallIntegerField(
        _("tie-breaker position"),
        null=True,
        blank=True,
        help_text=_("Equal totals are ordered by this criterion's mean score, 1 first."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["competition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "code"], name="grants_criterion_code")
        ]


class PriorityGroup(NamedModel):
    """A group the call favours (youth, socially vulnerable): bonus points added to the
    score, and/or an amount of the fund reserved for it."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="priority_groups"
    )
    code = models.SlugField(_("code"), max_length=32)
    bonus = models.DecimalField(_("bonus points"), max_digits=5, decimal_places=2, default=0)
    reserved = models.PositiveBigIntegerField(_("reserved amount, tenge"), null=True, blank=True)

    class Meta:
        verbose_name = _("priority group")
        verbose_name_plural = _("priority groups")
        ordering = ["competition", "code"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "code"], name="grants_priority_code")
        ]


class Quota(models.Model):
    """A territory's share of the fund: an amount reserved for its applicants (spent on no
    one else), a cap, and/or a largest number of awards."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="quotas")
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    reserved = models.PositiveBigIntegerField(_("reserved amount, tenge"), null=True, blank=True)
    cap = models.PositiveBigIntegerField(_("largest amount, tenge"), null=True, blank=True)
    max_awards = models.PositiveSmallIntegerField(
        _("largest number of awards"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["competition", "territory__kato"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "territory"], name="grants_one_quota")
        ]

    def __str__(self) -> str:
        return str(self.territory)
