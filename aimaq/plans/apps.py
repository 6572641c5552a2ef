from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "aimaq.plans"
    verbose_name = _("Plans and programmes")

    def ready(self) -> None:
        from . import events  # noqa: F401  (declares the action log's events)
        from .registration import register_everything

        register_everything()
