"""The ladder of territory roles: each holds every right of the roles below it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryRole(models.TextChoices):
    """A role held over a territory and everything below it (stored by `accounts`).

    Roles inside one object — a competition's committee, an event's trainers — are not here:
    they are data of the app that owns the object, and its policy counts them.
    """

    VIEWER = "viewer", _("viewer")
    EDITOR = "editor", _("editor")
    MANAGER = "manager", _("manager")
    ADMIN = "admin", _("administrator")


RANK = {role: rank for rank, role in enumerate(TerritoryRole.values, start=1)}


def role_reaches(held: str, needed: str) -> bool:
    """Does holding `held` give what `needed` gives? (unknown roles give nothing)"""
    return RANK.get(held, 0) >= RANK[needed]
