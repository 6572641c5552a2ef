from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "aimaq.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from aimaq.core.permissions import register_policy

        from .models import ImportRun, ObservationRevision
        from .permissions import ImportRunPolicy, RevisionPolicy

        register_policy(ImportRun, ImportRunPolicy())
        register_policy(ObservationRevision, RevisionPolicy())
