"""The accounts' part of the hostile-names check (aimaq/testing/hostile.py): an organisation
and a person working there with a role over the hostile oblast, all named with the payload."""

from __future__ import annotations

from typing import Any

from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant, User
from aimaq.testing.hostile import Target, hostile


def build(world: dict[str, Any]) -> None:
    organisation = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT,
        territory=world["oblast"],
        **{f"name_{lang}": hostile(f"organisation.{lang}") for lang in ("kk", "ru", "en")},
    )
    person = User.objects.create_user(
        username="hostile-person",
        first_name=hostile("person.first"),
        last_name=hostile("person.last"),
        position=hostile("person.position"),
        organisation=organisation,
    )
    RoleGrant.objects.create(user=person, role=Role.EDITOR, territory=world["rayon"])
    RoleGrant.objects.create(user=world["admin"], role=Role.ADMIN, territory=world["oblast"])
    world.update(organisation=organisation, person=person)
    world["objects"] += [organisation, person]


def targets(world: dict[str, Any]) -> list[Target]:
    oblast = world["oblast"].kato
    return [
        Target("/accounts/me/", "html", signed_in=True),
        Target(f"/accounts/grants/{oblast}/", "html", signed_in=True),
    ]
