"""Who may do what in participation, written once as conditions on rows (QueryPolicy), so a
list, a page, the API, an export and the admin cannot disagree.

- Territory roles (the akimat's officials): viewers and above see the unpublished records of
  their territories; editors run processes, meetings, moderation, calls and paper ballots.
- Seats (the object-scoped role): the chair or secretary of a body runs that body's meetings;
  the chair or secretary of a process's planning committee runs every meeting and stage of
  that process. Zharaspai's chair runs Zharaspai's meetings, never Izendi's.
- Authorship: a resident sees their own proposals and projects at every status.
- Personal data (named attendance lists, members' names, participants) is never public: it is
  seen by editors in scope and by the seats that run the body.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aimaq.core.permissions import (
    NOTHING,
    Actor,
    Policy,
    QueryPolicy,
    TerritoryRole,
    both,
    declare,
    either,
)

from .choices import PUBLIC_PROPOSAL_STATUSES, RUNNING_SEATS, BodyKind, ProjectStatus

VIEW = declare("participation.view", _("see participation"), role=TerritoryRole.VIEWER, public=True)
RUN = declare(
    "participation.run", _("run planning processes and meetings"), role=TerritoryRole.EDITOR
)
SEE_PEOPLE = declare(
    "participation.see_people", _("see who took part (personal data)"), role=TerritoryRole.EDITOR
)
MODERATE = declare(
    "participation.moderate",
    _("moderate, answer and link citizens' proposals and comments"),
    role=TerritoryRole.EDITOR,
)
MANAGE_CALLS = declare(
    "participation.manage_calls",
    _("run participatory-budget calls and their expert review"),
    role=TerritoryRole.EDITOR,
)
ENTER_BALLOTS = declare(
    "participation.enter_ballots",
    _("check voters' identity and enter paper ballots"),
    role=TerritoryRole.EDITOR,
)
ACT_FOR = declare(
    "participation.act_for",
    _("register residents without internet and act for them"),
    role=TerritoryRole.EDITOR,
)
CONSULT = declare(
    "participation.consult",
    _("open public consultations of draft plans and write their summary"),
    role=TerritoryRole.EDITOR,
)


def seat_q(actor: Actor, to_body: str) -> Q:
    """Rows whose body (reached by `to_body`, "" for bodies) has the person in a running
    seat now. One Q, so the seat's conditions hold for the same membership row."""
    if not actor.is_authenticated:
        return NOTHING
    at = f"{to_body}__" if to_body else ""
    return Q(
        **{
            f"{at}memberships__participant__user": actor.pk,
            f"{at}memberships__seat__in": RUNNING_SEATS,
            f"{at}memberships__left_on__isnull": True,
        }
    )


def committee_seat_q(actor: Actor, to_process: str) -> Q:
    """Rows whose process (reached by `to_process`, "" for processes) has the person in a
    running seat of its planning committee."""
    if not actor.is_authenticated:
        return NOTHING
    at = f"{to_process}__" if to_process else ""
    return Q(
        **{
            f"{at}bodies__kind": BodyKind.COMMITTEE,
            f"{at}bodies__memberships__participant__user": actor.pk,
            f"{at}bodies__memberships__seat__in": RUNNING_SEATS,
            f"{at}bodies__memberships__left_on__isnull": True,
        }
    )


def _seated(model, condition: Q) -> Q:
    """The rows meeting a multi-valued `condition`, as `pk__in` so that OR-ing it with
    other conditions neither duplicates rows nor changes the joins of the others. (The
    policies skip it when a role already allows every row: it would add nothing.)"""
    return Q(pk__in=model.objects.filter(condition).values("pk"))


class RoleFirst(QueryPolicy):
    """A single check answered by a territory role over the object's territory when there is
    one — the condition ORs that very role in (`role_q` and `has_role` cover the same codes),
    so the answer is the same — and by the condition's query only when there is none (seats,
    authorship, publication). Only for policies whose condition is `either(the territory
    rule for the same action, …)`."""

    def allows(self, actor: Actor, action: str, obj: Any) -> bool:
        if getattr(obj, "pk", None) is not None and actor.has_role(action, self.territory(obj)):
            return True
        return super().allows(actor, action, obj)


class ProcessPolicy(RoleFirst):
    """A process is public once published; editors in scope and its committee's chair and
    secretary run it."""

    territory_path = "territory"
    published = "is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if allowed is not None and action in (RUN, SEE_PEOPLE, VIEW) and actor.is_authenticated:
            from .models import PlanningProcess

            return either(allowed, _seated(PlanningProcess, committee_seat_q(actor, "")))
        return allowed


class StagePolicy(RoleFirst):
    territory_path = "process__territory"
    published = "process__is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if allowed is not None and action in (RUN, VIEW) and actor.is_authenticated:
            from .models import ProcessStage

            return either(allowed, _seated(ProcessStage, committee_seat_q(actor, "process")))
        return allowed


class BodyPolicy(RoleFirst):
    """A body: run by editors in scope, its own chair and secretary, and the committee's."""

    territory_path = "process__territory"
    published = "process__is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if allowed is not None and action in (RUN, SEE_PEOPLE, VIEW) and actor.is_authenticated:
            from .models import Body

            return either(
                allowed,
                _seated(Body, seat_q(actor, "")),
                _seated(Body, committee_seat_q(actor, "process")),
            )
        return allowed


class MeetingPolicy(RoleFirst):
    """A meeting's records are public once published (never its named list: SEE_PEOPLE).
    Run by editors in scope, by the seats of its body, and by the process committee's."""

    territory_path = "process__territory"
    published = "is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if allowed is not None and action in (RUN, SEE_PEOPLE, VIEW) and actor.is_authenticated:
            from .models import Meeting

            return either(
                allowed,
                _seated(Meeting, seat_q(actor, "body")),
                _seated(Meeting, committee_seat_q(actor, "process")),
            )
        return allowed


class MeetingPartPolicy(QueryPolicy):
    """Decisions and outputs: as their meeting."""

    territory_path = "meeting__process__territory"
    published = "meeting__is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        from .models import Meeting

        inner = MeetingPolicy().condition(actor, action)
        if inner is None:
            return None
        return Q(meeting__in=Meeting.objects.filter(inner))


class MembershipPolicy(QueryPolicy):
    """Who sits where is personal data: seen by those who see the body's people."""

    territory_path = "body__process__territory"
    published = False

    def condition(self, actor: Actor, action: str) -> Q | None:
        from .models import Body

        inner = BodyPolicy(published=False).condition(
            actor, SEE_PEOPLE if action == VIEW else action
        )
        if inner is None:
            return None
        return Q(body__in=Body.objects.filter(inner))


class ParticipantPolicy(QueryPolicy):
    """A participant is never public. Editors over their place of residence see them (and act
    for them), and so do the official who registered them and the person themself; those
    who see a meeting's or a body's people see the people there."""

    territory_path = "residence"
    published = False

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, SEE_PEOPLE if action == VIEW else action)
        if allowed is None or not actor.is_authenticated:  # None: every row already
            return allowed
        mine = either(Q(user=actor.pk), Q(entered_by=actor.pk))
        if action != VIEW:
            return either(allowed, mine)
        from .models import Attendance, Body, Meeting, Membership

        meetings = MeetingPolicy(published=False).condition(actor, SEE_PEOPLE)
        bodies = BodyPolicy(published=False).condition(actor, SEE_PEOPLE)
        if meetings is None or bodies is None:
            return None
        came = Attendance.objects.filter(meeting__in=Meeting.objects.filter(meetings))
        seated = Membership.objects.filter(body__in=Body.objects.filter(bodies))
        return either(
            allowed,
            mine,
            Q(pk__in=came.values("participant_id")),
            Q(pk__in=seated.values("participant_id")),
        )


class ProposalPolicy(RoleFirst):
    """Public once published (or merged, pointing on); its authors and the official who
    entered it see it at every status; editors in scope moderate it."""

    territory_path = "territory"
    published = "is_public"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if action == VIEW and actor.is_authenticated:
            return either(allowed, Q(author__user=actor.pk), Q(entered_by=actor.pk))
        return allowed


class ProposalPartPolicy(RoleFirst):
    """Answers: as their proposal."""

    territory_path = "proposal__territory"
    published = "proposal__is_public"


class CallPolicy(RoleFirst):
    territory_path = "territory"
    published = "is_published"


class ProjectPolicy(RoleFirst):
    """A project is public with its announced call (a withdrawn one is not); its author sees
    it always."""

    territory_path = "call__territory"
    published = "is_public"

    def public_q(self) -> Q | None:
        return Q(call__is_published=True) & ~Q(status=ProjectStatus.WITHDRAWN)

    def is_public(self, obj) -> bool:
        return obj.call.is_published and obj.status != ProjectStatus.WITHDRAWN

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if action == VIEW and actor.is_authenticated:
            return either(allowed, Q(author__user=actor.pk), Q(entered_by=actor.pk))
        return allowed


class ConsultationPolicy(RoleFirst):
    territory_path = "territory"
    published = "is_published"


class CommentPolicy(RoleFirst):
    territory_path = "consultation__territory"
    published = "is_shown"

    def public_q(self) -> Q | None:
        return Q(consultation__is_published=True, is_hidden=False)

    def is_public(self, obj) -> bool:
        return obj.consultation.is_published and not obj.is_hidden

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if action == VIEW and actor.is_authenticated:
            return either(allowed, Q(author__user=actor.pk))
        return allowed


class NeverPublic(Policy):
    """Voter records, ballots' internals, one-time codes: no page shows them row by row."""

    territory_path = None
    published = False


def proposal_is_public_q() -> Q:
    return Q(status__in=PUBLIC_PROPOSAL_STATUSES)


__all__ = [
    "ACT_FOR",
    "CONSULT",
    "ENTER_BALLOTS",
    "MANAGE_CALLS",
    "MODERATE",
    "RUN",
    "SEE_PEOPLE",
    "VIEW",
    "both",
]
