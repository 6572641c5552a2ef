from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Message:
    channel: str  # "email" or "sms"
    to: str
    subject: str
    body: str
    language: str = "ru"


def _sender(channel: str) -> Any:
    try:
        path = settings.AIMAQ_NOTIFICATION_SENDERS[channel]
    except KeyError:
        raise ValueError(f"No sender is configured for the channel {channel!r}") from None
    return import_string(path)()


def send(message: Message) -> None:
    """Hand the message to the sender configured for its channel."""
    _sender(message.channel).send(message)


def render_message(template: str, context: dict, *, language: str) -> tuple[str, str]:
    """Subject and body from `<template>.txt` in `language`: the first line is the subject,
    the rest the body."""
    with translation.override(language):
        text = render_to_string(f"{template}.txt", context).strip()
    subject, _newline, body = text.partition("\n")
    return subject.strip(), body.strip()


def notify(
    person: Any, template: str, context: dict, *, channel: str | None = None
) -> Message | None:
    """Tell `person` (a user, in their preferred language) by e-mail, or by SMS when they have
    only a phone; None when there is no way to reach them."""
    language = getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE
    email, phone = getattr(person, "email", ""), getattr(person, "phone", "")
    channel = channel or ("email" if email else "sms" if phone else None)
    address = {"email": email, "sms": phone}.get(channel or "", "")
    if not channel or not address:
        return None
    subject, body = render_message(template, {"person": person, **context}, language=language)
    message = Message(channel, address, subject, body, language)
    send(message)
    return message
