"""The senders a channel can be configured with; an SMS gateway adds one with `send()`."""

from __future__ import annotations

import sys
from typing import ClassVar

from django.conf import settings
from django.core.mail import send_mail

from .messages import Message


class EmailSender:
    def send(self, message: Message) -> None:
        send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])


class ConsoleSender:
    """Development: the message goes to the terminal (never to the log files)."""

    def send(self, message: Message) -> None:
        sys.stdout.write(
            f"[{message.channel} to {message.to}] {message.subject}\n{message.body}\n\n"
        )
        sys.stdout.flush()


class MemorySender:
    """Keeps messages in `MemorySender.outbox` (tests, previews)."""

    outbox: ClassVar[list[Message]] = []

    def send(self, message: Message) -> None:
        MemorySender.outbox.append(message)
