"""The vocabularies of plans: kinds, statuses, the official sections, focus areas, rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    TERRITORIAL = "territorial", _("development plan of an oblast, city or rayon")
    RURAL_INCLUSIVE = "rural_inclusive", _("3-year inclusive development plan of a rural okrug")
    THEMATIC = "thematic", _("thematic programme")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONSULTATION = "consultation", _("public consultation")
    AGREED = "agreed", _("agreed with the community")
    APPROVED = "approved", _("approved")
    IN_IMPLEMENTATION = "in_implementation", _("in implementation")
    COMPLETED = "completed", _("completed")
    SUPERSEDED = "superseded", _("superseded by an amendment")


# What may still be written into a version; everything from approval on is frozen.
EDITABLE_STATUSES = (VersionStatus.DRAFT, VersionStatus.CONSULTATION)
# Shown to the public: consultation is public by definition, and so is what was approved.
PUBLIC_STATUSES = (
    VersionStatus.CONSULTATION,
    VersionStatus.AGREED,
    VersionStatus.APPROVED,
    VersionStatus.IN_IMPLEMENTATION,
    VersionStatus.COMPLETED,
    VersionStatus.SUPERSEDED,
)
# The version a plan is run by, once one was approved.
IN_FORCE_STATUSES = (
    VersionStatus.APPROVED,
    VersionStatus.IN_IMPLEMENTATION,
    VersionStatus.COMPLETED,
)


class Section(models.TextChoices):
    """The five sections of a territorial development plan (state planning system rules,
    methodology of the Ministry of National Economy), in their order."""

    PASSPORT = "passport", _("Passport")
    VISION = "vision", _("Vision")
    ANALYSIS = "analysis", _("Analysis of the current situation")
    DIRECTIONS = "directions", _("Directions, goals, target indicators and ways to achieve them")
    RESOURCES = "resources", _("Required resources")


class FocusArea(models.TextChoices):
    """The thematic working groups of the inclusive planning process (the sources' three
    areas), and the whole territory for plans that are not split by area."""

    GENERAL = "general", _("the territory as a whole")
    ECONOMY = "economy", _("economy and agriculture")
    SOCIAL = "social", _("social infrastructure and services")
    ENGINEERING = "engineering", _("engineering infrastructure and maintenance")


class SwotQuadrant(models.TextChoices):
    STRENGTH = "S", _("strength")
    WEAKNESS = "W", _("weakness")
    OPPORTUNITY = "O", _("opportunity")
    THREAT = "T", _("threat")


class ProblemRole(models.TextChoices):
    CAUSE = "cause", _("cause")
    CORE = "core", _("core problem")
    EFFECT = "effect", _("effect")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DELAYED = "delayed", _("delayed")
    CANCELLED = "cancelled", _("cancelled")


class SourceKind(models.TextChoices):
    """Funding sources of Kazakhstan's local development."""

    LOCAL_BUDGET = "local_budget", _("local budget")
    TARGETED_TRANSFERS = "targeted_transfers", _("targeted transfers from the republican budget")
    NATIONAL_FUND = "national_fund", _("National Fund")
    STATE_PROGRAMME = "state_programme", _("state programme")
    DONOR_GRANT = "donor_grant", _("donor grant")
    PRIVATE = "private", _("private funds")
    LOAN = "loan", _("loan")


class BudgetLevel(models.TextChoices):
    """Which local budget: of the oblast, the rayon or the rural okrug."""

    NONE = "", _("not a local budget")
    OBLAST = "oblast", _("oblast budget")
    RAYON = "rayon", _("rayon budget")
    OKRUG = "okrug", _("rural okrug budget")


class UnitKind(models.TextChoices):
    NUMBER = "number", _("number")
    PERCENT = "percent", _("per cent")


class Direction(models.TextChoices):
    INCREASE = "increase", _("should increase")
    DECREASE = "decrease", _("should decrease")


class Frequency(models.TextChoices):
    LIFE_OF_PLAN = "lop", _("life of plan")
    ANNUAL = "annual", _("annual")
    SEMI_ANNUAL = "semiannual", _("semi-annual")
    QUARTERLY = "quarterly", _("quarterly")


class CumulativeRule(models.TextChoices):
    """How the actual of a period is made from the values reported."""

    NON_CUMULATIVE = "sum", _("non-cumulative: the sum of the period")
    CUMULATIVE = "cumulative", _("cumulative: the running total")
    LATEST = "latest", _("latest value")


class ReportPeriodKind(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half", _("half-year")
    YEAR = "year", pgettext_lazy("period", "year")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    RETURNED = "returned", _("returned with comments")
    PUBLISHED = "published", _("published")


class Criterion(models.TextChoices):
    """The OECD-DAC evaluation criteria."""

    RELEVANCE = "relevance", _("relevance")
    COHERENCE = "coherence", _("coherence")
    EFFECTIVENESS = "effectiveness", _("effectiveness")
    EFFICIENCY = "efficiency", _("efficiency")
    IMPACT = "impact", _("impact")
    SUSTAINABILITY = "sustainability", _("sustainability")


class Rating(models.IntegerChoices):
    HIGHLY_SATISFACTORY = 4, _("highly satisfactory")
    SATISFACTORY = 3, _("satisfactory")
    UNSATISFACTORY = 2, _("unsatisfactory")
    HIGHLY_UNSATISFACTORY = 1, _("highly unsatisfactory")


class ResponseKind(models.TextChoices):
    PENDING = "", _("no response yet")
    ACCEPTED = "accepted", _("accepted")
    PARTLY = "partly", _("partly accepted")
    REJECTED = "rejected", _("rejected")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    CLOSED = "closed", _("closed")


class EvidenceKind(models.TextChoices):
    PROFILE = "profile", _("profile table")
    SERIES = "series", _("series chart")
    MAP = "map", _("map of the units")
