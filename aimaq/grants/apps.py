from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "aimaq.grants"
    verbose_name = _("Grant competitions")

    def ready(self) -> None:
        from . import registration

        registration.register_everything()
