"""A plan, its versions, the people who approve plans, and the funding sources."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.accounts.models import Organisation
from aimaq.core.i18n import NamedModel, localized
from aimaq.territories.models import Territory

from .choices import (
    EDITABLE_STATUSES,
    IN_FORCE_STATUSES,
    BudgetLevel,
    PlanKind,
    SourceKind,
    VersionStatus,
)


class FrozenVersion(ValidationError):
    """Something tried to change a version that is no longer a draft (approved versions never
    change: an amendment makes a new version)."""

    def __init__(self) -> None:
        super().__init__(
            _("This version of the plan can no longer be changed; start an amendment instead."),
            code="frozen",
        )


# The years a plan may cover; its envelopes, costs and targets take the plan's own years.
FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 2000, 2100


def years_message(first: int = FIRST_PLAN_YEAR, last: int = LAST_PLAN_YEAR) -> str:
    return _("Write a year between %(first)s and %(last)s.") % {"first": first, "last": last}


class Plan(NamedModel):
    """A development plan or programme of a territory: its identity across versions. The
    content lives in its versions (`PlanVersion`)."""

    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="plans"
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    # Any version public (consultation or later): set by the workflow service.
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["territory__kato", "-start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="plan_years_in_order",
            )
        ]

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def clean(self) -> None:
        outside = [
            name
            for name in ("start_year", "end_year")
            if getattr(self, name) is not None
            and not FIRST_PLAN_YEAR <= getattr(self, name) <= LAST_PLAN_YEAR
        ]
        if outside:
            raise ValidationError({name: years_message() for name in outside})
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year comes before the first.")})
        if self.start_year and self.end_year and self.end_year - self.start_year > 14:
            raise ValidationError({"end_year": _("A plan runs for at most 15 years.")})
        if self.owner_id and self.territory_id:
            owner_territory = self.owner.territory
            if not owner_territory.contains(self.territory):
                raise ValidationError(
                    {"owner": _("The owner organisation must work in the plan's territory.")}
                )


class PlanVersion(models.Model):
    """One version of a plan's content: the original (number 1) or an amendment. A version
    is written while a draft or under consultation, and never changes once approved."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    is_public = models.BooleanField(_("public"), default=False, editable=False)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    reason = models.TextField(_("reason for the amendment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Agreement with the community (inclusive plans) and approval (the maslikhat for
    # territorial plans): facts recorded by the workflow.
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreement_note = models.TextField(_("how it was agreed"), blank=True)
    approving_body = models.ForeignKey(
        Organisation,
        verbose_name=_("approving body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approval recorded"), null=True, blank=True)

    history = HistoricalRecords()

    # Fields the workflow still moves on a frozen version.
    WORKFLOW_FIELDS = frozenset({"status", "is_public"})

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {_('version')} {self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            stored = PlanVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored not in EDITABLE_STATUSES:
                allowed = set(self.WORKFLOW_FIELDS)
                if stored == VersionStatus.AGREED:
                    allowed |= APPROVAL_FIELDS
                fields = kwargs.get("update_fields")
                if fields is None or not set(fields) <= allowed:
                    raise FrozenVersion()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status not in EDITABLE_STATUSES:
            raise FrozenVersion()
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE_STATUSES


# Facts the workflow records when it agrees or approves a version.
APPROVAL_FIELDS = frozenset(
    {
        "agreed_on",
        "agreement_note",
        "approving_body",
        "decision_number",
        "decision_date",
        "approved_by",
        "approved_at",
    }
)


class Approver(models.Model):
    """A person entitled to record the approval of plans of a territory and every territory
    below it, for an approving body (the maslikhat): the plans app's own role, counted by its
    policy beside the territory roles (an editor never approves through being an editor)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="plan_approver_seats",
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        Organisation, verbose_name=_("approving body"), on_delete=models.PROTECT, related_name="+"
    )
    appointed_on = models.DateField(_("appointed on"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan approver")
        verbose_name_plural = _("plan approvers")
        constraints = [
            models.UniqueConstraint(fields=["user", "territory"], name="one_approver_seat")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.territory} · {self.body}"


class FundingSource(NamedModel):
    """Where money for actions comes from: a local budget of some level, targeted transfers,
    the National Fund, a state programme ("Ауыл – Ел бесігі"), a donor grant, private, loan."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=SourceKind.choices)
    budget_level = models.CharField(
        _("budget level"), max_length=10, choices=BudgetLevel.choices, blank=True, default=""
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["order", "code"]

    def clean(self) -> None:
        if (self.kind == SourceKind.LOCAL_BUDGET) != bool(self.budget_level):
            raise ValidationError(
                {"budget_level": _("A local budget names its level; other sources do not.")}
            )


class Uid(models.UUIDField):
    """The identity of a plan element across versions: an amendment copies it, so the diff
    and the roll-up find the same goal, action or indicator in every version."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("default", uuid.uuid4)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("verbose_name", _("element id"))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "aimaq.plans.models.plans.Uid", args, kwargs


def localized_text(obj: object, field: str = "text") -> str:
    return localized(obj, field)
