from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "aimaq.territories"
    verbose_name = _("Territories")

    def ready(self) -> None:
        from aimaq.core.permissions import register_policy

        from .models import Territory, TerritoryGroup
        from .permissions import TerritoryGroupPolicy, TerritoryPolicy

        register_policy(Territory, TerritoryPolicy())
        register_policy(TerritoryGroup, TerritoryGroupPolicy())
