from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aimaq.core.i18n import CONTENT_LANGUAGES, NamedModel

from .kato import COUNTRY_CODE, is_consistent_child, kato_prefix, kato_subtree_q, validate_kato

REFORM_EPOCH = date(1991, 12, 16)
FIRST_CENSUS_YEAR = 1897
# Kazakhstan with a margin: a centre outside this box is a typo (swapped or mistyped).
LATITUDE_RANGE = (40.0, 56.0)
LONGITUDE_RANGE = (46.0, 88.0)


class Level(models.TextChoices):
    COUNTRY = "country", _("country")
    OBLAST = "oblast", _("oblast")
    CITY_REPUBLICAN = "city_republican", _("city of republican significance")
    RAYON = "rayon", _("rayon")
    CITY_OBLAST = "city_oblast", _("city of oblast significance")
    CITY_DISTRICT = "city_district", _("city district")
    TOWN = "town", _("town of rayon significance")
    RURAL_OKRUG = "rural_okrug", _("rural okrug")
    TOWNSHIP = "township", _("township")
    SETTLEMENT = "settlement", _("settlement")


class TerritoryQuerySet(models.QuerySet):
    def current(self) -> "TerritoryQuerySet":
        return self.filter(valid_to__isnull=True)

    def valid_on(self, day: date) -> "TerritoryQuerySet":
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def subtree(self, root: "Territory") -> "TerritoryQuerySet":
        """The root and every unit below it: codes starting with its prefix, as a range scan."""
        return self.filter(kato_subtree_q(root.kato))


class Territory(NamedModel):
    """A unit of the KATO tree as valid between `valid_from` and `valid_to`.

    A reform ends a unit (valid_to) and creates its successors instead of renaming it in
    place, so figures and plans keep the territory they were made for.
    """

    kato = models.CharField(_("KATO code"), max_length=9, validators=[validate_kato])
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    centre_lat = models.FloatField(_("administrative centre latitude"), null=True, blank=True)
    centre_lon = models.FloatField(_("administrative centre longitude"), null=True, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True, editable=False)
    boundary_web = models.JSONField(
        _("simplified boundary for the web"), null=True, blank=True, editable=False
    )
    boundary_source = models.CharField(_("boundary source"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), default=REFORM_EPOCH)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = TerritoryQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["boundary", "boundary_web"])

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["kato"]
        constraints = [
            models.UniqueConstraint(
                fields=["kato"],
                condition=Q(valid_to__isnull=True),
                name="one_current_unit_per_kato",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="territory_valid_to_after_valid_from",
            ),
        ]
        indexes = [models.Index(fields=["kato"]), models.Index(fields=["parent", "kato"])]

    def clean(self) -> None:
        self._clean_values()
        self._clean_place_in_tree()

    def _clean_values(self) -> None:
        """The rules on what an editor types, enforced for the site's form and the admin."""
        errors: dict[str, list] = {}
        if not any(getattr(self, f"name_{lang}") for lang in CONTENT_LANGUAGES):
            errors[NON_FIELD_ERRORS] = [_("Give the name in at least one language.")]
        latest = timezone.localdate().year
        year = self.population_year
        if year is not None and not FIRST_CENSUS_YEAR <= year <= latest:
            errors["population_year"] = [
                _("Give a year between %(first)s and %(last)s; got %(year)s.")
                % {"first": FIRST_CENSUS_YEAR, "last": latest, "year": year}
            ]
        elif self.population is not None and year is None:
            errors["population_year"] = [_("Say which year the population figure is for.")]
        for name, bounds, label in (
            ("centre_lat", LATITUDE_RANGE, _("latitude")),
            ("centre_lon", LONGITUDE_RANGE, _("longitude")),
        ):
            value = getattr(self, name)
            if value is not None and not bounds[0] <= value <= bounds[1]:
                errors[name] = [
                    _("A %(label)s in Kazakhstan lies between %(low)s and %(high)s; got %(value)s.")
                    % {"label": label, "low": bounds[0], "high": bounds[1], "value": value}
                ]
        if (self.centre_lat is None) != (self.centre_lon is None) and not errors:
            errors[NON_FIELD_ERRORS] = [
                _("Give both the latitude and the longitude of the centre, or neither.")
            ]
        if errors:
            raise ValidationError(errors)

    def _clean_place_in_tree(self) -> None:
        validate_kato(self.kato)
        if self.level == Level.COUNTRY:
            if self.parent_id or self.kato != COUNTRY_CODE:
                raise ValidationError({"kato": _("The country is the root, coded 000000000.")})
            return
        if self.parent is None:
            raise ValidationError({"parent": _("Every unit but the country has a parent.")})
        if not is_consistent_child(self.kato, self.parent.kato):
            raise ValidationError(
                {
                    "kato": _("KATO code %(code)s does not sit under its parent %(parent)s.")
                    % {"code": self.kato, "parent": self.parent.kato}
                }
            )

    @property
    def prefix(self) -> str:
        return kato_prefix(self.kato)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def has_centre(self) -> bool:
        return self.centre_lat is not None and self.centre_lon is not None

    def ancestors(self) -> list["Territory"]:
        """From the country down to the parent."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def contains(self, other: "Territory") -> bool:
        return other.kato.startswith(self.prefix)


class TerritoryGroup(NamedModel):
    """A named set of territories, such as a project's pilot oblasts."""

    slug = models.SlugField(_("short name"), unique=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    territories = models.ManyToManyField(
        Territory, related_name="groups", verbose_name=_("territories")
    )
    history = HistoricalRecords(m2m_fields=[territories])

    class Meta:
        verbose_name = _("territory group")
        verbose_name_plural = _("territory groups")
        ordering = ["slug"]


class Reform(models.Model):
    """A change of the administrative-territorial division on a day, by a legal act: units
    ended and begun, names changed, areas moved (`Succession`). Shipped as data
    (territories/reforms/reforms.json) and applied by the KATO loader."""

    slug = models.SlugField(_("short name"), max_length=64, unique=True)
    date = models.DateField(_("date"))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    act = models.CharField(_("legal act"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("territorial reform")
        verbose_name_plural = _("territorial reforms")
        ordering = ["date", "slug"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.title}"

    @property
    def title(self) -> str:
        from aimaq.core.i18n import localized

        return localized(self, "title")


class TerritoryName(NamedModel):
    """A name a unit bore for a while («Нур-Султан» for Astana, 2019–2022), so a file of
    that time is read as meant. Its current name is on the unit itself."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="names"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    reform = models.ForeignKey(
        Reform, null=True, blank=True, on_delete=models.SET_NULL, related_name="names"
    )

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["territory", "valid_from"]


class SuccessionKind(models.TextChoices):
    CONTINUED = "continued", _("continued as")  # the successor carries the unit on
    SPLIT = "split", _("part of its area went to")


class Succession(models.Model):
    """Which unit's area went to which, by a reform. `continued`: the successor carries the
    predecessor on, under a new name or code (South Kazakhstan → Turkestan oblast); `split`:
    part of the predecessor's area went to the successor (East Kazakhstan → Abai oblast),
    the predecessor going on with less when it is still valid. Either way the series of the
    units concerned break at the reform's date."""

    reform = models.ForeignKey(Reform, on_delete=models.CASCADE, related_name="successions")
    predecessor = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="successors_links"
    )
    successor = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="predecessors_links"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SuccessionKind.choices)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["reform", "predecessor", "successor"], name="one_succession_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.kato} → {self.successor.kato} ({self.kind})"
