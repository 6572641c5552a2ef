from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoriesConfig(AppConfig):
    name = "aimaq.territories"
    verbose_name = _("Territories")

    def ready(self) -> None:
        from django.urls import register_converter

        from aimaq.core import registries
        from aimaq.core.permissions import register_policy

        from .lookups import KatoConverter
        from .models import Territory, TerritoryGroup
        from .permissions import TerritoryGroupPolicy, TerritoryPolicy

        register_policy(Territory, TerritoryPolicy())
        register_policy(TerritoryGroup, TerritoryGroupPolicy())
        # `<kato:kato>` in every app's urls.py: nine ASCII digits, or the URL does not match.
        register_converter(KatoConverter, "kato")

        registries.register_nav_entry(
            "territories", _("Territories"), "territories:index", order=10
        )
        registries.grant_officials(
            "territories", "view_territory", "change_territory", "view_territorygroup"
        )
        registries.register_demo_loader(
            "territories", "aimaq.territories.demo.load_demo_territories"
        )
        registries.register_demo_loader(
            "boundaries", "aimaq.territories.demo_boundaries.load_demo_boundaries"
        )
        registries.register_checked_page("territories:index")
        registries.register_checked_page("territories:index", query="q=Nura")
        registries.register_checked_page("territories:detail", "350000000")
        registries.register_checked_page(
            "territories:edit", "355200000", audience=registries.OFFICIAL
        )
