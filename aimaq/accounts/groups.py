"""The permission group back-office staff belong to.

Django's model permissions say *what kind* of object a staff member may open in the admin;
`can()` says *where*. Officials get view/change on territories and organisations and full
rights on role grants and a view of people; the admin then narrows each to the territories
where they hold a role (role grants and people: where they may grant roles).
"""

import operator
from functools import reduce

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

OFFICIALS = "Officials"

OFFICIALS_PERMISSIONS = (
    ("territories", "view_territory"),
    ("territories", "change_territory"),
    ("territories", "view_territorygroup"),
    ("accounts", "view_organisation"),
    ("accounts", "change_organisation"),
    ("accounts", "view_user"),
    ("accounts", "view_rolegrant"),
    ("accounts", "add_rolegrant"),
    ("accounts", "change_rolegrant"),
    ("accounts", "delete_rolegrant"),
)


def ensure_officials_group(using: str = DEFAULT_DB_ALIAS) -> Group:
    """The "Officials" group with at least OFFICIALS_PERMISSIONS (adds, never removes).

    Runs after every `migrate` (see apps.py) and from the demo loader.
    """
    group, _ = Group.objects.using(using).get_or_create(name=OFFICIALS)
    wanted = Permission.objects.using(using).filter(
        reduce(
            operator.or_,
            (
                Q(content_type__app_label=app, codename=codename)
                for app, codename in OFFICIALS_PERMISSIONS
            ),
        )
    )
    missing = wanted.exclude(group=group)
    if missing.exists():
        group.permissions.add(*missing)
    return group
