"""Who may do what in a competition, written once as conditions on rows (QueryPolicy), so
a list, a page, the API, an export and a document never disagree.

Two kinds of rights meet here. Territory roles over the organiser's territory give
officials theirs (running the call, intake, follow-up). Seats are object-scoped: a seat on
one competition gives rights over that competition only — its officer runs the call, its
chair and members score and decide, its secretary keeps the record. A declared conflict of
interest takes every right over that application away from the person who declared it, on
every path. The applicant's own account gives rights over their own application.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aimaq.core.permissions import NOTHING, Actor, QueryPolicy, TerritoryRole, both, declare, either

from .models import COMMITTEE_ROLES, VOTING_ROLES, SeatRole, Status

VIEW = declare("grants.view", _("see grant competitions"), role=TerritoryRole.VIEWER, public=True)
MANAGE = declare("grants.manage", _("run grant competitions"), role=TerritoryRole.MANAGER)
INTAKE = declare(
    "grants.intake", _("enter and confirm paper applications"), role=TerritoryRole.EDITOR
)
APPLY = declare("grants.apply", _("apply to a competition"))
VIEW_APPLICATION = declare(
    "grants.view_application", _("see grant applications"), role=TerritoryRole.EDITOR
)
EDIT_APPLICATION = declare("grants.edit_application", _("change a draft application"))
WITHDRAW = declare("grants.withdraw", _("withdraw an application"))
CONFIRM = declare(
    "grants.confirm",
    _("confirm a paper application entered by another official"),
    role=TerritoryRole.EDITOR,
)
OVERRIDE = declare(
    "grants.override", _("override a gate with a recorded reason"), role=TerritoryRole.MANAGER
)
DECLARE = declare("grants.declare", _("declare a conflict of interest"))
SCORE = declare("grants.score", _("score applications"))
COMMITTEE = declare("grants.committee", _("take part in the committee's work"))
SIGN = declare("grants.sign", _("sign the committee's decision"))
APPEAL = declare("grants.appeal", _("appeal a decision on one's application"))
REPORT = declare("grants.report", _("report on a funded business"))

OFFICER_ROLES = (SeatRole.OFFICER,)


def seat(actor: Actor, prefix: str, roles: tuple[str, ...] | None = None) -> Q:
    """Rows whose competition (reached by `prefix`) gives the person a seat in `roles`
    (any seat when None). A subquery, so that no row is repeated by the join."""
    from .models import CommitteeMember

    seats = CommitteeMember.objects.filter(user=actor.pk)
    if roles is not None:
        seats = seats.filter(role__in=list(roles))
    return Q(**{f"{prefix}pk__in": seats.values("competition_id")})


def not_conflicted(actor: Actor) -> Q:
    """Applications on which the person declared no conflict of interest."""
    from .models import ConflictDeclaration

    declared = ConflictDeclaration.objects.filter(user=actor.pk).values("application_id")
    return ~Q(pk__in=declared)


class CompetitionPolicy(QueryPolicy):
    """Published calls are public; officials in scope and the call's officers run them;
    committee members work in their own competition only."""

    published = "is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        base = super().condition(actor, action)
        if not actor.is_authenticated:
            return base
        if action == VIEW:
            return either(base, seat(actor, ""))
        if action in (MANAGE, INTAKE, OVERRIDE):
            return either(base, seat(actor, "", OFFICER_ROLES))
        if action == APPLY:
            return Q(is_published=True)
        if action == COMMITTEE:
            return either(super().condition(actor, MANAGE), seat(actor, ""))
        if action in (DECLARE, SCORE):
            return seat(actor, "", VOTING_ROLES)
        if action == SIGN:
            return seat(actor, "", (SeatRole.CHAIR,))
        return base


class ApplicationPolicy(QueryPolicy):
    """Applications are never public. Officials in the competition's scope and its
    officers see them; the committee sees those submitted to its competition; the applicant
    sees their own. Whoever declared a conflict of interest on one is shut out of it."""

    territory_path = "competition__territory"
    published = False

    def officials(self, actor: Actor, action: str) -> Q | None:
        return either(super().condition(actor, action), seat(actor, "competition__", OFFICER_ROLES))

    def condition(self, actor: Actor, action: str) -> Q | None:
        if not actor.is_authenticated:
            return NOTHING
        own = Q(applicant=actor.pk)
        submitted = Q(status=Status.SUBMITTED)
        if action == VIEW_APPLICATION:
            committee = both(seat(actor, "competition__", COMMITTEE_ROLES), submitted)
            allowed = either(self.officials(actor, action), committee, own)
        elif action == EDIT_APPLICATION:
            paper = Q(channel="paper", status__in=[Status.DRAFT, Status.AWAITING_CONFIRMATION])
            allowed = either(
                both(own, Q(status=Status.DRAFT)), both(self.officials(actor, INTAKE), paper)
            )
        elif action == WITHDRAW:
            allowed = both(either(own, self.officials(actor, INTAKE)), ~Q(status=Status.WITHDRAWN))
        elif action == CONFIRM:
            allowed = both(
                self.officials(actor, action),
                Q(status=Status.AWAITING_CONFIRMATION),
                ~Q(received_by=actor.pk),
            )
        elif action in (SCORE, DECLARE):
            allowed = both(seat(actor, "competition__", VOTING_ROLES), submitted)
        elif action == APPEAL:
            allowed = both(own, Q(competition__results_published_at__isnull=False))
        elif action == REPORT:
            allowed = either(both(own, Q(award__isnull=False)), self.officials(actor, MANAGE))
        else:
            allowed = self.officials(actor, action)
        # A declared conflict of interest shuts the person out of the application entirely.
        return both(allowed, not_conflicted(actor))


class CompetitionPartPolicy(QueryPolicy):
    """Decisions and other rows of one competition: officials in scope and its officers;
    the committee for its work, the chair for signing. Never public."""

    territory_path = "competition__territory"
    published = False
    prefix = "competition__"

    def condition(self, actor: Actor, action: str) -> Q | None:
        if not actor.is_authenticated:
            return NOTHING
        managers = either(super().condition(actor, MANAGE), seat(actor, self.prefix, OFFICER_ROLES))
        if action == COMMITTEE:
            return either(managers, seat(actor, self.prefix))
        if action == SIGN:
            return seat(actor, self.prefix, (SeatRole.CHAIR,))
        if action == MANAGE:
            return managers
        return super().condition(actor, action)


class AwardPolicy(CompetitionPartPolicy):
    """Awards: officials in scope and the call's officers; the entrepreneur reports."""

    territory_path = "application__competition__territory"
    prefix = "application__competition__"

    def condition(self, actor: Actor, action: str) -> Q | None:
        if actor.is_authenticated and action == REPORT:
            return either(Q(application__applicant=actor.pk), super().condition(actor, MANAGE))
        return super().condition(actor, action)
