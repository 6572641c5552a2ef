"""What the participation services share: the one permission check and the person acting."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from aimaq.core.permissions import can


def require(by: Any, action: str, obj: Any) -> None:
    """PermissionDenied unless `by` may do `action` on `obj` (the one check)."""
    if not can(by, action, obj):
        raise PermissionDenied(_("You may not do this here."))


def person(by: Any) -> Any:
    """The signed-in person to record, or None for an anonymous visitor."""
    return by if getattr(by, "is_authenticated", False) else None
