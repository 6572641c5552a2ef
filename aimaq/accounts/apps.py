from django.apps import AppConfig, apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_officials_group(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After `migrate` (and `flush`), once every app's permissions exist: apps above accounts
    register permissions for officials too. Django sends post_migrate once per app, in
    INSTALLED_APPS order, so only the last app's signal finds them all (and a test flush
    pays for the group once, not once per app)."""
    if sender is not _last_app_with_models():
        return
    from .groups import ensure_officials_group

    ensure_officials_group(using)


def _last_app_with_models() -> AppConfig:
    # emit_post_migrate_signal skips the apps without a models module.
    return [config for config in apps.get_app_configs() if config.models_module][-1]


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
