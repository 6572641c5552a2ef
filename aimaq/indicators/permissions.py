"""The evidence base's actions and rules: figures are public once approved; editors in scope
import them, managers in scope approve them; an import run is its author's."""

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
)

VIEW = declare("indicators.view", _("see figures"), role=TerritoryRole.VIEWER, public=True)
CHANGE = declare("indicators.change", _("import and change figures"), role=TerritoryRole.EDITOR)
FOLLOW_IMPORT = declare("indicators.follow_import", _("follow and confirm one's own imports"))
VIEW_UNAPPROVED = declare(
    "indicators.view_unapproved", _("see figures awaiting approval"), role=TerritoryRole.VIEWER
)
APPROVE = declare(
    "indicators.approve", _("approve imported figures for publication"), role=TerritoryRole.MANAGER
)


class ImportRunPolicy(QueryPolicy):
    """An import run (its file, preview, errors and progress) is seen and confirmed by the
    person who uploaded it; superusers see every run."""

    territory_path = None
    published = False

    def condition(self, actor: Actor, action: str) -> Q | None:
        if actor.is_superuser:
            return None
        if action == FOLLOW_IMPORT and actor.is_authenticated:
            return Q(created_by=actor.pk)
        return super().condition(actor, action)


class RevisionPolicy(Policy):
    """Replaced values are for officials in scope, not the public."""

    published = False


class ApprovalPolicy(Policy):
    """An import's approval lies in the smallest unit holding all its figures: officials of
    it (or above) see the figures before approval, its managers approve them."""

    territory_path = "territory"
    published = False


class DashboardPolicy(QueryPolicy):
    """Dashboards are public. A new one is saved by an official who may change the
    territory's figures; a saved one is edited or deleted by its owner only (while the
    owner still holds that role there), or by a superuser."""

    territory_path = "territory"
    published = True

    def condition(self, actor: Actor, action: str) -> Q | None:
        if actor.is_superuser:
            return None
        rows = super().condition(actor, action)
        if action != CHANGE:
            return rows
        return both(rows, Q(created_by=actor.pk)) if actor.is_authenticated else NOTHING
