from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from aimaq.core.permissions import can


def require(user: Any, action: str, obj: Any) -> None:
    """PermissionDenied unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise PermissionDenied
