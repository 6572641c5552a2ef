"""An object's history in people's words: the action log and its row snapshots, merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from .events import Event, declared_events
from .models import ActionLogEntry


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    what: str
    details: list[str] = field(default_factory=list)


def _who(user: Any) -> str:
    if user is None:
        return _("the system")
    return str(user)


def _describe(event: Event | None, name: str, data: dict) -> str:
    """The event's words with its facts filled in; the event's name if no app declares it."""
    return name if event is None else event.describe(data)


def _log_entries(obj: models.Model) -> list[TimelineEntry]:
    events = declared_events()
    rows = ActionLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")
    entries = []
    for row in rows:
        details = [str(row.data["comment"])] if row.data.get("comment") else []
        what = _describe(events.get(row.event), row.event, row.data)
        entries.append(TimelineEntry(row.at, _who(row.actor), what, details))
    return entries


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name


def _history_entries(obj: models.Model, limit: int) -> list[TimelineEntry]:
    history = getattr(obj, "history", None)
    if history is None:
        return []
    records = list(history.select_related("history_user").order_by("-history_date")[: limit + 1])
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        details: list[str] = []
        if newer.history_type == "+":
            what = _("created it")
        elif newer.history_type == "-":
            what = _("deleted it")
        else:
            if older is None:
                continue  # the change before the oldest record shown: nothing to compare with
            changed = newer.diff_against(older).changed_fields
            if not changed:
                continue
            what = _("changed it")
            details = [_field_label(type(obj), name) for name in changed]
        entries.append(TimelineEntry(newer.history_date, _who(newer.history_user), what, details))
    return entries


def timeline(obj: models.Model, *, limit: int = 50) -> list[TimelineEntry]:
    """What happened to `obj`, newest first: logged events and changes of its fields (by
    their names, not their values, so the timeline never repeats personal data)."""
    entries = _log_entries(obj) + _history_entries(obj, limit)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]
