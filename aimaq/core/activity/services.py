from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .events import event_label
from .models import ActionLogEntry

M = TypeVar("M", bound=models.Model)

# The entries of the open `logged_together()` block, if one is open.
_TOGETHER: ContextVar[list[ActionLogEntry] | None] = ContextVar("log_together", default=None)


def log_action(
    obj: models.Model, event: str, *, by: Any, data: dict | None = None
) -> ActionLogEntry:
    """Record that `by` did `event` to `obj` (call it inside the transaction of the change,
    so the entry lands with it or not at all). Raises UnknownEvent for an undeclared event.
    Inside `logged_together()` the entry is written when the block ends (it has no pk
    until then)."""
    event_label(event)
    actor = by if getattr(by, "is_authenticated", False) else None
    entry = ActionLogEntry(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        event=event,
        actor=actor,
        data=data or {},
    )
    together = _TOGETHER.get()
    if together is None:
        entry.save()
    else:
        together.append(entry)
    return entry


@contextmanager
def logged_together() -> Iterator[None]:
    """A transaction in which `log_action` keeps its entries and writes them all in a few
    INSERTs as the block ends: for bulk work that logs hundreds of events (a demo load).
    The entries land with the block's changes or, if it raises, not at all; each keeps the
    time it was logged, and they are written in the order they were logged. Nested blocks
    write with the outermost one."""
    if _TOGETHER.get() is not None:
        yield
        return
    entries: list[ActionLogEntry] = []
    token = _TOGETHER.set(entries)
    try:
        with transaction.atomic():
            yield
            ActionLogEntry.objects.bulk_create(entries, batch_size=500)
    finally:
        _TOGETHER.reset(token)


def attribute_to(obj: M, by: Any) -> M:
    """`obj`, with its next save or delete recorded in its history as done by `by`:
    `attribute_to(unit, request.user).save()`. (simple-history reads `_history_user`.)"""
    obj._history_user = by if getattr(by, "is_authenticated", False) else None  # type: ignore[attr-defined]
    return obj
