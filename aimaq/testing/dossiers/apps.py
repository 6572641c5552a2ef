from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "aimaq.testing.dossiers"
    label = "dossiers"
    verbose_name = "Dossiers (test app)"

    def ready(self) -> None:
        from aimaq.core.permissions import register_policy

        from .models import Dossier, Programme
        from .permissions import DossierPolicy, ProgrammePolicy

        register_policy(Dossier, DossierPolicy())
        register_policy(Programme, ProgrammePolicy())
