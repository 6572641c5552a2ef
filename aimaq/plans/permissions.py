"""Who may do what to plans, written once as conditions on rows (QueryPolicy), so the list,
the page, the API, the admin and the documents cannot disagree.

- Seeing: anyone sees what is public (consultation and later); viewers and above in scope
  see drafts too.
- Writing: editors in the plan's territory (and above it), and only while the version is a
  draft or under consultation — so an approved version is refused by the same check
  whichever way the change comes.
- Approving: only people holding an approver seat (`Approver`, the plans app's own role,
  usually a maslikhat's secretary) over the plan's territory, and only an agreed version.
  Being an editor, a manager or a superuser never makes one an approver.
- Reviewing monitoring reports: managers in scope, once a report is submitted.
"""

from __future__ import annotations

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
from aimaq.territories.kato import kato_subtree_q

from .models.choices import EDITABLE_STATUSES, ReportStatus, VersionStatus

VIEW = declare("plans.view", _("see plans"), role=TerritoryRole.VIEWER, public=True)
CHANGE = declare("plans.change", _("write plans and report on them"), role=TerritoryRole.EDITOR)
APPROVE = declare("plans.approve", _("record the approval of plans"))
REVIEW = declare("plans.review", _("review monitoring reports"), role=TerritoryRole.MANAGER)
FOLLOW_IMPORT = declare("plans.follow_import", _("follow and confirm one's own plan imports"))


def approver_q(actor: Actor, territory_field: str) -> Q:
    """Rows whose territory lies under one of the person's approver seats."""
    if not actor.is_authenticated:
        return NOTHING
    from .models import Approver

    seats = Approver.objects.filter(user=actor.pk).values_list("territory__kato", flat=True)
    condition = NOTHING
    for kato in seats:
        subtree = kato_subtree_q(kato, f"{territory_field}__kato")
        condition = subtree if condition is NOTHING else condition | subtree
    return condition


class PlanPolicy(QueryPolicy):
    """A plan is public once a version of it is; editors in scope run it."""

    territory_path = "territory"
    published = "is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        if action == APPROVE:
            return approver_q(actor, "territory")
        return super().condition(actor, action)


class VersionPolicy(QueryPolicy):
    """A version: public from consultation on; written only while editable; approved only
    by an approver seat, once agreed with the community."""

    prefix = ""  # the path from the row to its version ("" for the version itself)

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        at = f"{prefix}__" if prefix else ""
        super().__init__(territory_path=f"{at}plan__territory", published=f"{at}is_public")

    def _field(self, name: str) -> str:
        return f"{self.prefix}__{name}" if self.prefix else name

    def condition(self, actor: Actor, action: str) -> Q | None:
        if action == CHANGE:
            editable = Q(**{self._field("status__in"): EDITABLE_STATUSES})
            return both(super().condition(actor, action), editable)
        if action == APPROVE:
            agreed = Q(**{self._field("status"): VersionStatus.AGREED})
            return both(approver_q(actor, self._field("plan__territory")), agreed)
        if action == VIEW:
            # Approvers see what they are asked to approve, public or not.
            mine = approver_q(actor, self._field("plan__territory"))
            return either(super().condition(actor, action), mine)
        return super().condition(actor, action)


class ReportPolicy(QueryPolicy):
    """A monitoring report: written by editors while a draft or returned; reviewed by
    managers once submitted; public once published."""

    territory_path = "plan__territory"
    published = "is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if action == CHANGE:
            return both(allowed, Q(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)))
        if action == REVIEW:
            return both(allowed, Q(status=ReportStatus.SUBMITTED))
        return allowed


class EvaluationPolicy(QueryPolicy):
    territory_path = "plan__territory"
    published = "is_published"


class RecommendationPolicy(QueryPolicy):
    """A recommendation: its plan's editors follow it up, and so do the people of the
    organisation that owns it (they write the management response)."""

    territory_path = "evaluation__plan__territory"
    published = "evaluation__is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        allowed = super().condition(actor, action)
        if action in (CHANGE, VIEW) and actor.is_authenticated:
            # PERMISSION: membership of the owner organisation is a fact about the object.
            return either(allowed, Q(owner__people=actor.pk))
        return allowed


class ApproverPolicy(Policy):
    """Approver seats are seen and appointed by administrators in scope."""

    published = False


class SourcePolicy(Policy):
    """Funding sources are a national list: public, changed by superusers only."""

    territory_path = None
    published = True


class ImportPolicy(QueryPolicy):
    """An uploaded action plan (its file, preview and progress) is its uploader's."""

    territory_path = "version__plan__territory"
    published = False

    def condition(self, actor: Actor, action: str) -> Q | None:
        if action == FOLLOW_IMPORT and actor.is_authenticated:
            return Q(created_by=actor.pk)
        return super().condition(actor, action)
