"""Events of the action log, declared by the app they belong to ("plans.approved")."""

from __future__ import annotations

from django.utils.functional import Promise

from aimaq.core.permissions.actions import ACTION_NAME


class UnknownEvent(LookupError):
    """`log_action()` was given an event no app declared."""


_EVENTS: dict[str, str | Promise] = {}


def declare_event(name: str, label: str | Promise) -> str:
    """Declare the event `name` ("app.event"), described by `label` ("approved the plan" —
    what the person did, read after their name; it may name facts of the entry's data as
    `%(key)s`), and return its name."""
    if not ACTION_NAME.fullmatch(name):
        raise ValueError(f"Event names are 'app.event' in lower case: {name!r}")
    _EVENTS[name] = label
    return name


def event_label(name: str) -> str | Promise:
    try:
        return _EVENTS[name]
    except KeyError:
        raise UnknownEvent(f"No app declares the event {name!r}") from None


def declared_events() -> dict[str, str | Promise]:
    return dict(_EVENTS)
