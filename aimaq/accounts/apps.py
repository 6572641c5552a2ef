from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_officials_group(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    # Runs after each app's `migrate` step, once that app's permissions exist: apps above
    # accounts register permissions for officials too.
    from .groups import ensure_officials_group

    ensure_officials_group(using)


class AccountsConfig(AppConfig):
    name = "aimaq.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        from aimaq.core import registries
        from aimaq.core.permissions import Policy, provide_actors, register_policy

        from .models import Organisation, RoleGrant, User
        from .permissions import PersonPolicy, grant_actor

        provide_actors(grant_actor)
        register_policy(User, PersonPolicy())
        register_policy(Organisation, Policy())
        register_policy(RoleGrant, Policy(published=False))
        post_migrate.connect(create_officials_group, dispatch_uid="aimaq_officials_group")

        registries.grant_officials(
            "accounts",
            "view_organisation",
            "change_organisation",
            "view_user",
            "view_rolegrant",
            "add_rolegrant",
            "change_rolegrant",
            "delete_rolegrant",
        )
        registries.register_demo_loader("people", "aimaq.accounts.demo.demo_people")
        registries.register_checked_page("accounts:login")
        registries.register_checked_page("accounts:me", audience=registries.OFFICIAL)
        registries.register_checked_page(
            "accounts:grants", "350000000", audience=registries.OFFICIAL
        )
