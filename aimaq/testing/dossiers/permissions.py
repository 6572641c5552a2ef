"""The dossiers' rules, written once as conditions on rows (QueryPolicy), so the list, the
page, the API and the export cannot disagree."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

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

VIEW = declare("dossiers.view", "see dossiers", role=TerritoryRole.VIEWER, public=True)
CHANGE = declare("dossiers.change", "change dossiers", role=TerritoryRole.EDITOR)
PUBLISH = declare("dossiers.publish", "publish dossiers", role=TerritoryRole.MANAGER)
SCORE = declare("dossiers.score", "score dossiers")
WITHDRAW = declare("dossiers.withdraw", "withdraw one's draft")
CHANGE_PROGRAMME = declare(
    "dossiers.change_programme", "change programmes", role=TerritoryRole.EDITOR
)


class DossierPolicy(QueryPolicy):
    published = "is_published"

    def condition(self, actor: Actor, action: str) -> Q | None:
        if not actor.is_authenticated:
            return super().condition(actor, action)
        if action == SCORE:
            allowed: Q | None = Q(board__members__user=actor.pk)
        elif action == WITHDRAW:
            allowed = Q(author=actor.pk, status="draft")
        elif action == VIEW:
            # Board members see the dossiers of their board, published or not.
            allowed = either(super().condition(actor, action), Q(board__members__user=actor.pk))
        else:
            allowed = super().condition(actor, action)
        # A declared conflict of interest shuts the person out of that dossier entirely.
        return both(allowed, ~Q(conflicts__user=actor.pk))


class ProgrammePolicy(Policy):
    """Public; changed only by someone who may edit in every territory it spans."""

    territory_path = "territories"

    def allows(self, actor: Actor, action: str, obj: Any) -> bool:
        if action != CHANGE_PROGRAMME:
            return super().allows(actor, action, obj)
        territories = list(obj.territories.all())
        return bool(territories) and all(actor.has_role(action, t) for t in territories)

    def condition(self, actor: Actor, action: str) -> Q | None:
        if action != CHANGE_PROGRAMME:
            return super().condition(actor, action)
        if actor.is_superuser:
            return None
        inside = actor.role_q(action, "")
        if inside is NOTHING:
            return NOTHING
        from aimaq.territories.models import Territory

        from .models import Programme

        links = Programme.territories.through.objects
        outside = links.exclude(territory__in=Territory.objects.filter(inside))
        return Q(pk__in=links.values("programme_id")) & ~Q(pk__in=outside.values("programme_id"))
