"""The participatory budget (бюджет народного участия): a call with its envelope, phases and
rules; residents' projects with their public expert review; the voter roll, whose unique
constraint on the identity hash makes one person one ballot per call; ballots with their
receipt codes and choices; results by the published rule."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.core.i18n import NamedModel
from aimaq.territories.models import Territory

from ..choices import (
    AgeGroup,
    BallotRule,
    Channel,
    CheckMethod,
    OnlineCheck,
    Overflow,
    ProjectStatus,
    Sex,
)
from .people import Participant


def new_salt() -> str:
    return secrets.token_hex(16)


class BudgetCall(NamedModel):
    """A call of the people's participation budget in a territory."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="+"
    )
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    envelope = models.PositiveBigIntegerField(_("envelope, tenge"))
    rule = models.CharField(_("ballot rule"), max_length=10, choices=BallotRule.choices)
    max_choices = models.PositiveSmallIntegerField(
        _("most projects on one ballot"),
        default=1,
        help_text=_("For approval voting: how many projects a voter may choose."),
    )
    overflow = models.CharField(
        _("when the next project does not fit"),
        max_length=4,
        choices=Overflow.choices,
        default=Overflow.SKIP,
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age to propose and vote"), default=18)
    residents_only = models.BooleanField(_("only residents of the territory"), default=True)
    online_check = models.CharField(
        _("online identity check"),
        max_length=10,
        choices=OnlineCheck.choices,
        default=OnlineCheck.PHONE_CODE,
    )
    proposals_from = models.DateField(_("proposals from"))
    proposals_to = models.DateField(_("proposals until"))
    review_to = models.DateField(_("expert review until"))
    voting_from = models.DateField(_("voting from"))
    voting_to = models.DateField(_("voting until"))
    results_on = models.DateField(_("results announced"))
    implementation_year = models.PositiveSmallIntegerField(_("year of implementation"))
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan the winners join"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_published = models.BooleanField(_("announced"), default=False)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    # Keys the identity hashes of this call only: a hash says nothing about other calls.
    salt = models.CharField(max_length=32, default=new_salt, editable=False)
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

    history = HistoricalRecords(excluded_fields=["salt"])

    class Meta:
        verbose_name = _("participatory budget call")
        verbose_name_plural = _("participatory budget calls")
        ordering = ["-voting_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposals_to__gte=models.F("proposals_from"))
                & Q(review_to__gte=models.F("proposals_to"))
                & Q(voting_from__gte=models.F("review_to"))
                & Q(voting_to__gte=models.F("voting_from"))
                & Q(results_on__gte=models.F("voting_to")),
                name="call_phases_in_order",
            ),
        ]

    def clean(self) -> None:
        order = [
            ("proposals_from", "proposals_to"),
            ("proposals_to", "review_to"),
            ("review_to", "voting_from"),
            ("voting_from", "voting_to"),
            ("voting_to", "results_on"),
        ]
        for earlier, later in order:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first:
                raise ValidationError(
                    {later: _("This date comes before the phase it follows.")}, code="phases"
                )
        if self.rule == BallotRule.SINGLE:
            self.max_choices = 1
        elif self.rule == BallotRule.APPROVAL and self.max_choices < 2:
            raise ValidationError(
                {"max_choices": _("Approval voting lets a voter choose at least two projects.")}
            )

    @property
    def ballots_listed(self) -> bool:
        """The list of ballots is public once voting has closed: a list that grows while
        people vote would show, to anyone reading it before and after a person voted, which
        receipt — and so which choices — is theirs."""
        return timezone.localdate() > self.voting_to

    @property
    def description(self) -> str:
        from aimaq.core.i18n import localized

        return localized(self, "description")


class BudgetProject(models.Model):
    """A project proposed to a call (one per author), with the expert review shown publicly.
    The ballot carries the feasible ones at the reviewed cost."""

    call = models.ForeignKey(
        BudgetCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="projects"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    author_cost = models.PositiveBigIntegerField(_("cost estimated by the author, tenge"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    author = models.ForeignKey(
        Participant,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_projects",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The expert council's review, public once given.
    reviewed_cost = models.PositiveBigIntegerField(
        _("cost estimated by the experts, tenge"), null=True, blank=True
    )
    review_reasons = models.TextField(_("review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # Plan action the winning project became.
    action_uid = models.UUIDField(_("plan action"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget project")
        verbose_name_plural = _("budget projects")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="project_number_in_call"),
            models.UniqueConstraint(
                fields=["call", "author"],
                condition=Q(author__isnull=False) & ~Q(status=ProjectStatus.WITHDRAWN),
                name="one_project_per_author",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProjectStatus.FEASIBLE) | Q(reviewed_cost__isnull=False),
                name="feasible_project_has_cost",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def ballot_cost(self) -> int:
        return self.reviewed_cost if self.reviewed_cost is not None else self.author_cost


class VoterRecord(models.Model):
    """That a person voted in a call — never how. The unique constraint on the identity hash
    per call is what makes one person one ballot, whatever the channel and however many
    requests race: the ballot is written in the same transaction, or not at all. Nothing
    links this row to the ballot."""

    # No index of its own: the unique constraint below leads with the call (every index is
    # one more write per ballot under a surge).
    call = models.ForeignKey(
        BudgetCall, on_delete=models.CASCADE, related_name="voters", db_index=False
    )
    identity_hash = models.CharField(max_length=64)
    method = models.CharField(max_length=10, choices=CheckMethod.choices)
    channel = models.CharField(max_length=6, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Demographics as at the ballot (from the IIN), reported only in aggregate.
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices, blank=True)
    voted_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "identity_hash"], name="one_ballot_per_person"),
            models.UniqueConstraint(
                fields=["call", "user"],
                condition=Q(user__isnull=False),
                name="one_ballot_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.voted_on:%d.%m.%Y}"


class Ballot(models.Model):
    """A cast ballot: final, anonymous (a random key, the day only), found by its receipt
    code in the public list."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    call = models.ForeignKey(
        BudgetCall, on_delete=models.CASCADE, related_name="ballots", db_index=False
    )  # indexed by the receipt constraint, which leads with it
    receipt = models.CharField(_("receipt code"), max_length=12)
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    cast_on = models.DateField(_("day"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "receipt"], name="receipt_unique_in_call"),
        ]

    def __str__(self) -> str:
        return self.receipt


class BallotChoice(models.Model):
    # The ballot is indexed by the constraint below, which leads with it.
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="choices", db_index=False
    )
    project = models.ForeignKey(BudgetProject, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="project_once_per_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.project_id}"
