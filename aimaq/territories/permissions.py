"""The territories app's actions: anyone sees the registry; editors in scope correct it."""

from django.utils.translation import gettext_lazy as _

from aimaq.core.permissions import Policy, TerritoryRole, declare

VIEW = declare("territories.view", _("see territories"), role=TerritoryRole.VIEWER, public=True)
CHANGE = declare("territories.change", _("edit territories"), role=TerritoryRole.EDITOR)


class TerritoryPolicy(Policy):
    """A territory is its own scope; the registry is public."""

    territory_path = ""
    published = True


class TerritoryGroupPolicy(Policy):
    """Groups span territories: only superusers change them."""

    territory_path = None
    published = True
