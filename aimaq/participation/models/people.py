"""People who take part: committee members, meeting attendees, residents with an account
and residents an official registered for them. Their details are personal data: never on a
public page or in an export; the vulnerable-group flags exist only with consent and are
reported only in aggregate. One-time codes confirm a resident's e-mail or phone."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aimaq.territories.models import Territory

from ..choices import AgeGroup, CodePurpose, Sector, Sex, age_group_of


class Participant(models.Model):
    """A person known to the participation process. `user` is their account, when they have
    one (a resident who signed up, an official); `entered_by` the official who registered
    them when they have no internet."""

    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True)
    sector = models.CharField(
        _("sector"), max_length=10, choices=Sector.choices, default=Sector.RESIDENT
    )
    residence = models.ForeignKey(
        Territory, verbose_name=_("place of residence"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    # Vulnerable groups: only with consent (a check constraint keeps them off without it).
    consent_at = models.DateTimeField(_("consent to store group membership"), null=True, blank=True)
    disability = models.BooleanField(_("person with disability"), default=False)
    large_family = models.BooleanField(_("large family"), default=False)
    pensioner = models.BooleanField(_("pensioner"), default=False)
    youth = models.BooleanField(_("youth"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_at__isnull=False)
                | Q(disability=False, large_family=False, pensioner=False, youth=False),
                name="groups_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def age_group_on(self, day: date) -> str:
        """The age group on `day`: from the year of birth when known, else as recorded."""
        if self.birth_year:
            return age_group_of(day.year - self.birth_year)
        return self.age_group

    @property
    def groups(self) -> dict[str, bool]:
        """The consented vulnerable-group flags (all off without consent)."""
        consented = self.consent_at is not None
        return {
            "disability": consented and self.disability,
            "large_family": consented and self.large_family,
            "pensioner": consented and self.pensioner,
            "youth": consented and self.youth,
        }


class OneTimeCode(models.Model):
    """A code sent to an e-mail address or phone: stored only as a keyed hash, expiring,
    accepting a few attempts, used once."""

    purpose = models.CharField(max_length=10, choices=CodePurpose.choices)
    channel = models.CharField(max_length=5)  # "email" | "sms"
    address = models.CharField(max_length=254)  # normalised e-mail or +7 phone
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["address", "purpose", "created_at"], name="code_lookup")]

    def __str__(self) -> str:
        return f"{self.purpose} · {self.channel}"
