"""Reads that build the people-and-roles pages."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from aimaq.core.permissions import declared_actions, role_reaches
from aimaq.territories.models import Territory
from aimaq.territories.selectors import with_territories

from .models import RoleGrant, User


@dataclass(frozen=True)
class GrantCard:
    """One role grant as the person reads it: what, where, what it allows, still valid?"""

    grant: RoleGrant
    allows: list[str]
    is_active: bool
    territory_url: str


def territory_url(territory: Territory) -> str:
    """The public page of a territory, `/territories/<kato>/`."""
    return reverse("territories:detail", kwargs={"kato": territory.kato})


def role_allows(role: str) -> list[str]:
    """What a territory role allows, in words, in the order apps declare their actions."""
    return [
        str(spec.label)
        for spec in declared_actions()
        if spec.role is not None and role_reaches(role, spec.role)
    ]


def grant_card(grant: RoleGrant) -> GrantCard:
    today = timezone.localdate()
    return GrantCard(
        grant=grant,
        allows=role_allows(grant.role),
        is_active=grant.expires_on is None or grant.expires_on >= today,
        territory_url=territory_url(grant.territory),
    )


def my_grants(user: User) -> list[GrantCard]:
    """The person's role grants, expired ones included (marked), territory by territory."""
    grants = (
        with_territories(RoleGrant.objects.filter(user=user), "territory")
        .select_related("granted_by")
        .order_by("territory__kato", "role")
    )
    return [grant_card(grant) for grant in grants]


def grants_in_subtree(territory: Territory) -> QuerySet[RoleGrant]:
    """Every grant held over the territory or a unit below it."""
    return (
        RoleGrant.objects.filter(territory__in=Territory.objects.subtree(territory))
        .select_related("user", "territory", "granted_by")
        .order_by("territory__kato", "role", "user__username")
    )
