from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "aimaq.participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from . import events  # noqa: F401  (declares the action log's events)
        from .registration import register_everything

        register_everything()
