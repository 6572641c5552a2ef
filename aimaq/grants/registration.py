"""What the grants app registers with the platform when it starts (AppConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def register_everything() -> None:
    from aimaq.core import registries
    from aimaq.core.permissions import register_policy

    from . import (
        checked_pages,
        events,  # noqa: F401  (declares the action log's events)
    )
    from .jobs import register_jobs
    from .models import Application, Award, Competition, Decision
    from .permissions import (
        ApplicationPolicy,
        AwardPolicy,
        CompetitionPartPolicy,
        CompetitionPolicy,
    )

    register_jobs()
    register_policy(Competition, CompetitionPolicy())
    register_policy(Application, ApplicationPolicy())
    register_policy(Decision, CompetitionPartPolicy())
    register_policy(Award, AwardPolicy())

    registries.register_nav_entry("grants", _("Grants"), "grants:list", order=40)
    registries.register_demo_loader("grants", "aimaq.grants.demo.load_demo_grants")
    registries.grant_officials(
        "grants",
        "view_competition",
        "add_competition",
        "change_competition",
        "view_criterion",
        "add_criterion",
        "change_criterion",
        "delete_criterion",
        "view_prioritygroup",
        "add_prioritygroup",
        "change_prioritygroup",
        "view_quota",
        "add_quota",
        "change_quota",
        "view_committeemember",
        "add_committeemember",
        "change_committeemember",
        "delete_committeemember",
    )
    registries.register_checked_page("grants:list")
    registries.register_checked_page("grants:mine", audience=registries.OFFICIAL)
    official = registries.OFFICIAL
    published, running = checked_pages.published_competition, checked_pages.running_competition
    registries.register_checked_page("grants:detail", build=published)
    registries.register_checked_page("grants:results", build=published)
    for page in ("grants:ranking", "grants:decision", "grants:criteria"):
        registries.register_checked_page(page, audience=official, build=running)
    for page in ("grants:score", "grants:application"):
        registries.register_checked_page(
            page, audience=official, build=checked_pages.scored_application
        )
