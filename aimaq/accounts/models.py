from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.core.i18n import NamedModel
from aimaq.core.permissions.roles import TerritoryRole
from aimaq.territories.models import Territory

from .identifiers import validate_bin


class OrganisationKind(models.TextChoices):
    AKIMAT = "akimat", _("akimat")
    MASLIKHAT = "maslikhat", _("maslikhat")
    MINISTRY = "ministry", _("ministry or central agency")
    NGO = "ngo", _("NGO")
    BUSINESS = "business", _("business")
    TRAINING_CENTRE = "training_centre", _("training centre")
    DONOR_PROJECT = "donor_project", _("donor project")


class Organisation(NamedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    bin = models.CharField(_("BIN"), max_length=12, blank=True, validators=[validate_bin])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name_ru"]


class User(AbstractUser):
    """A person who signs in. Personal details stay out of public pages and exports."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # People are never public: `can(anyone, "view", person)` needs a role over the territory
    # of the person's organisation.
    is_published = False

    def get_territory(self) -> Territory | None:
        """Where the person works: the territory of their organisation, if any."""
        return self.organisation.territory if self.organisation else None


# Territory roles are the platform's ladder (viewer < editor < manager < admin); roles inside
# one object (a competition's committee, an event's trainers) belong to the app that owns it.
Role = TerritoryRole


class RoleGrant(models.Model):
    """A role held over a territory and everything below it."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.PROTECT, related_name="role_grants"
    )
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "territory"], name="one_grant_per_scope"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.territory}"


# Personal API tokens live in their own module; imported here so Django registers the model.
from .tokens import ApiToken  # noqa: E402, F401
