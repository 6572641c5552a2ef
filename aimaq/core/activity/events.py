"""Events of the action log, declared by the app they belong to ("plans.approved")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from aimaq.core.permissions.actions import ACTION_NAME

Choices = type[models.Choices]


class UnknownEvent(LookupError):
    """`log_action()` was given an event no app declared."""


@dataclass(frozen=True)
class Event:
    label: str | Promise
    # Facts the entries keep as codes of a Choices class, shown by their labels.
    coded: Mapping[str, Choices] = field(default_factory=dict)

    def describe(self, facts: Mapping[str, object]) -> str:
        """The words with the entry's facts filled in, each coded fact by its label in the
        active language; the bare words when a fact is missing."""
        filled = {
            key: in_words(self.coded[key], str(value)) if key in self.coded else str(value)
            for key, value in facts.items()
        }
        try:
            return str(self.label) % filled
        except (KeyError, TypeError, ValueError):
            return str(self.label)


_EVENTS: dict[str, Event] = {}


def declare_event(
    name: str, label: str | Promise, *, coded: Mapping[str, Choices] | None = None
) -> str:
    """Declare the event `name` ("app.event"), described by `label` ("approved the plan" —
    what the person did, read after their name; it may name facts of the entry's data as
    `%(key)s`), and return its name. `coded` names the facts an entry keeps as codes of a
    Choices class (`coded={"stage": StageKind}`): the words are the reader's, whatever the
    language the entry was written in."""
    if not ACTION_NAME.fullmatch(name):
        raise ValueError(f"Event names are 'app.event' in lower case: {name!r}")
    _EVENTS[name] = Event(label, dict(coded or {}))
    return name


def event_label(name: str) -> str | Promise:
    try:
        return _EVENTS[name].label
    except KeyError:
        raise UnknownEvent(f"No app declares the event {name!r}") from None


def declared_events() -> dict[str, Event]:
    return dict(_EVENTS)


def in_words(choices: Choices, value: str) -> str:
    """A coded fact by its label in the active language. A label in one of the languages
    (an entry written before its app kept codes) is read back as its code; anything else
    is shown as it is."""
    code = value if value in choices.values else _code_named(choices, value)
    return value if code is None else str(choices(code).label)


def _code_named(choices: Choices, label: str) -> str | None:
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, text in choices.choices:
                if str(text) == label:
                    return code
    return None
