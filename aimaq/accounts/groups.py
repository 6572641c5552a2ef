"""The permission group back-office staff belong to.

Django's model permissions say *what kind* of object a staff member may open in the admin;
`can()` says *where*. Each app names the permissions of its own models that officials get
(`aimaq.core.registries.grant_officials`, from its `AppConfig.ready()`); the admin then
narrows each to the territories where they hold a role.
"""

import operator
from functools import reduce

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from aimaq.core.registries import official_permissions

OFFICIALS = "Officials"


def ensure_officials_group(using: str = DEFAULT_DB_ALIAS) -> Group:
    """The "Officials" group with at least the registered permissions that exist in the
    database (adds, never removes).

    Runs after every `migrate` (see apps.py) and from the demo loader.
    """
    group, _ = Group.objects.using(using).get_or_create(name=OFFICIALS)
    registered = official_permissions()
    if not registered:
        return group
    wanted = Permission.objects.using(using).filter(
        reduce(
            operator.or_,
            (Q(content_type__app_label=app, codename=codename) for app, codename in registered),
        )
    )
    missing = wanted.exclude(group=group)
    if missing.exists():
        group.permissions.add(*missing)
    return group
