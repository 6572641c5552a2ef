from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_officials_group(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    # Runs after `migrate`, once the permissions of territories and accounts exist.
    from .groups import ensure_officials_group

    ensure_officials_group(using)


class AccountsConfig(AppConfig):
    name = "aimaq.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from aimaq.core.permissions import Policy, provide_actors, register_policy

        from .models import Organisation, RoleGrant, User
        from .permissions import PersonPolicy, grant_actor

        provide_actors(grant_actor)
        register_policy(User, PersonPolicy())
        register_policy(Organisation, Policy())
        register_policy(RoleGrant, Policy(published=False))
        post_migrate.connect(create_officials_group, sender=self)
