"""Notifications behind a pluggable sender: e-mail now, SMS through a gateway later.

A message is written from a template in the recipient's language and handed to the sender
configured for its channel (`settings.AIMAQ_NOTIFICATION_SENDERS`): `EmailSender` (Django's
mail), `ConsoleSender` (development: prints the message, one-time codes included, to the
terminal of `bin/demo`), `MemorySender` (keeps messages in `outbox`, for tests and previews);
an SMS gateway is a class with the same `send(message)` method.

    notify(person, "grants/decision", {"application": app})   # e-mail, or SMS to a phone
    send(Message(channel="sms", to="+77010000000", subject="", body=code_text))
"""

from .messages import Message, notify, render_message, send

__all__ = ["Message", "notify", "render_message", "send"]
