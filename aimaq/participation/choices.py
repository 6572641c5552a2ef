"""The vocabularies of participation: stages, bodies, seats, sectors, people's groups,
meetings, proposals and the participatory budget's rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StageKind(models.TextChoices):
    """The stages of the inclusive planning process, in their order (the sources' three
    stages — working groups, first and second meetings, agreement with the community — with
    the steps the meetings take)."""

    COMMITTEE = "committee", _("planning committee formed")
    WORKING_GROUPS = "groups", _("working groups formed")
    NEEDS_SWOT = "needs_swot", _("needs assessed, SWOT analysis")
    VISION = "vision", _("vision of development")
    GOALS = "goals", _("strategic goals")
    ACTION_PLAN = "action_plan", _("action plan")
    AGREEMENT = "agreement", _("plan agreed with the community")
    SUBMITTED = "submitted", _("plan submitted for approval")


STAGE_ORDER: tuple[str, ...] = tuple(StageKind.values)


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class BodyKind(models.TextChoices):
    COMMITTEE = "committee", _("planning committee")
    WORKING_GROUP = "group", _("thematic working group")


class Theme(models.TextChoices):
    """The three focus areas of the working groups (the values are the plans app's focus
    areas, so outputs land in the right part of the plan)."""

    GENERAL = "general", _("the territory as a whole")
    ECONOMY = "economy", _("economy and agriculture")
    SOCIAL = "social", _("social infrastructure and services")
    ENGINEERING = "engineering", _("engineering infrastructure and maintenance")


WORKING_GROUP_THEMES = (Theme.ECONOMY, Theme.SOCIAL, Theme.ENGINEERING)


class Seat(models.TextChoices):
    CHAIR = "chair", _("chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


# Seats that run a body's meetings (the object-scoped role the policy counts).
RUNNING_SEATS = (Seat.CHAIR, Seat.SECRETARY)


class Sector(models.TextChoices):
    AKIMAT = "akimat", _("akimat")
    MASLIKHAT = "maslikhat", _("maslikhat")
    NGO = "ngo", _("NGO")
    BUSINESS = "business", _("business")
    RESIDENT = "resident", _("resident")


class Sex(models.TextChoices):
    FEMALE = "f", _("woman")
    MALE = "m", _("man")


class AgeGroup(models.TextChoices):
    """Age groups of the sign-in sheet. Youth is under 35 (the law on state youth policy: 14–35)."""

    UNDER_18 = "u18", _("under 18")
    YOUNG = "18_34", _("18–34")
    MIDDLE = "35_59", _("35–59")
    OLDER = "60p", _("60 and over")


YOUTH_AGE_GROUPS = (AgeGroup.UNDER_18, AgeGroup.YOUNG)


def age_group_of(age: int) -> str:
    if age < 18:
        return AgeGroup.UNDER_18
    if age < 35:
        return AgeGroup.YOUNG
    if age < 60:
        return AgeGroup.MIDDLE
    return AgeGroup.OLDER


class Vulnerable(models.TextChoices):
    """Vulnerable groups, stored only with the person's consent and reported only in
    aggregate."""

    DISABILITY = "disability", _("person with disability")
    LARGE_FAMILY = "large_family", _("large family")
    PENSIONER = "pensioner", _("pensioner")
    YOUTH = "youth", _("youth")


# The groups counted as "vulnerable" in the statistics (youth is reported on its own, from
# the age groups), and the counted sheet's lines: any of them, then each.
VULNERABLE_GROUPS = (Vulnerable.DISABILITY, Vulnerable.LARGE_FAMILY, Vulnerable.PENSIONER)
ANY_VULNERABLE = "any"
SHEET_GROUPS = (ANY_VULNERABLE, *VULNERABLE_GROUPS)


class MeetingKind(models.TextChoices):
    FIRST = "first", _("first meeting: needs, SWOT, vision")
    SECOND = "second", _("second meeting: goals and action plan")
    THIRD = "third", _("third meeting: action plan")
    AGREEMENT = "agreement", _("community meeting: agreement of the plan")
    OPEN = "open", _("open community meeting")
    OTHER = "other", pgettext_lazy("meeting kind", "other meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class OutputKind(models.TextChoices):
    SWOT = "swot", _("SWOT item")
    PROBLEM = "problem", _("problem")
    VISION = "vision", _("vision")
    GOAL = "goal", _("strategic goal")
    ACTION = "action", _("action")


class Quadrant(models.TextChoices):
    STRENGTH = "S", _("strength")
    WEAKNESS = "W", _("weakness")
    OPPORTUNITY = "O", _("opportunity")
    THREAT = "T", _("threat")


class ProposalKind(models.TextChoices):
    PROBLEM = "problem", _("problem")
    PROPOSAL = "proposal", _("proposal")


class Category(models.TextChoices):
    ROADS = "roads", _("roads and transport")
    WATER = "water", _("water, heating, sewerage")
    POWER = "power", _("electricity and lighting")
    CONNECTIVITY = "connectivity", _("mobile network and internet")
    HEALTH = "health", _("health care")
    EDUCATION = "education", _("schools and kindergartens")
    CULTURE = "culture", _("culture, sport and leisure")
    SOCIAL = "social", _("social support")
    ECONOMY = "economy", _("jobs, farming and business")
    ENVIRONMENT = "environment", _("environment, waste, greenery")
    SAFETY = "safety", _("public safety")
    OTHER = "other", pgettext_lazy("category", "other")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("not published")
    MERGED = "merged", _("merged into another")


# Shown to the public (a merged proposal stays readable, pointing at the one it joined).
PUBLIC_PROPOSAL_STATUSES = (ProposalStatus.PUBLISHED, ProposalStatus.MERGED)


class ModerationReason(models.TextChoices):
    NONE = "", _("nothing hidden")
    PERSONAL_DATA = "personal_data", _("personal data hidden (names, phones, addresses, IIN)")
    ABUSE = "abuse", _("insults or abuse hidden")
    OFF_TOPIC = "off_topic", _("not a matter of local development")
    ADVERTISING = "advertising", _("advertising")


class BallotRule(models.TextChoices):
    SINGLE = "single", _("one vote for one project")
    APPROVAL = "approval", _("approval: up to N projects")
    KNAPSACK = "knapsack", _("projects whose costs fit within the envelope")


class Overflow(models.TextChoices):
    """What the results do when the next project by votes does not fit in what is left."""

    STOP = "stop", _("stop: no further project is funded")
    SKIP = "skip", _("skip it and fund the next one that fits")


class OnlineCheck(models.TextChoices):
    """How an online voter's identity is verified (paper ballots: an official at a service
    point, always)."""

    NONE = "none", _("no online voting: paper ballots only")
    PHONE_CODE = "phone_code", _("IIN with a code sent to the phone")
    EGOV = "egov", _("eGov / digital signature")


class CheckMethod(models.TextChoices):
    OFFICIAL = "official", _("identity document checked by an official")
    PHONE_CODE = "phone_code", _("code sent to the phone")
    EGOV = "egov", _("eGov / digital signature")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper ballot")


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    FEASIBLE = "feasible", _("feasible: on the ballot")
    REFUSED = "refused", _("refused by the expert review")
    WITHDRAWN = "withdrawn", _("withdrawn")


class CallPhase(models.TextChoices):
    ANNOUNCED = "announced", _("announced")
    PROPOSALS = "proposals", _("proposals")
    REVIEW = "review", _("expert review")
    VOTING = "voting", _("voting")
    COUNTING = "counting", _("counting")
    RESULTS = "results", _("results")
    IMPLEMENTATION = "implementation", _("implementation")


class CodePurpose(models.TextChoices):
    SIGN_UP = "sign_up", _("sign-up")
    SIGN_IN = "sign_in", _("sign-in")
    VOTE = "vote", _("vote")
