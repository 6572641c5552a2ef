from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .events import event_label
from .models import ActionLogEntry

M = TypeVar("M", bound=models.Model)


def log_action(
    obj: models.Model, event: str, *, by: Any, data: dict | None = None
) -> ActionLogEntry:
    """Record that `by` did `event` to `obj` (call it inside the transaction of the change,
    so the entry lands with it or not at all). Raises UnknownEvent for an undeclared event."""
    event_label(event)
    actor = by if getattr(by, "is_authenticated", False) else None
    return ActionLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        event=event,
        actor=actor,
        data=data or {},
    )


def attribute_to(obj: M, by: Any) -> M:
    """`obj`, with its next save or delete recorded in its history as done by `by`:
    `attribute_to(unit, request.user).save()`. (simple-history reads `_history_user`.)"""
    obj._history_user = by if getattr(by, "is_authenticated", False) else None  # type: ignore[attr-defined]
    return obj
