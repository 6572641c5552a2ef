"""Who may follow a job and download its output: the person who started it (superusers see
every job). One rule, on the policy registry, for the page, the download and any list."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aimaq.core.permissions import NOTHING, Actor, QueryPolicy, declare

FOLLOW = declare("core.follow_job", _("follow one's own background jobs"))


class JobPolicy(QueryPolicy):
    territory_path = None
    published = False

    def condition(self, actor: Actor, action: str) -> Q | None:
        if actor.is_superuser:
            return None
        if action == FOLLOW and actor.is_authenticated:
            return Q(created_by=actor.pk)
        return NOTHING
