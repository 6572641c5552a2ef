from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "aimaq.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from aimaq.core import registries

        registries.register_checked_page("portal:home")
