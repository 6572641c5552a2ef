"""`manage.py check --deploy` warns when messages would go to the terminal: in a real
installation that prints people's phone numbers, addresses and one-time codes where any
operator reads them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

CONSOLE_SENDER = "aimaq.core.notifications.senders.ConsoleSender"
CONSOLE_MAIL = "django.core.mail.backends.console.EmailBackend"


@register(Tags.security, deploy=True)
def messages_leave_the_server(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    found = []
    for channel, sender in settings.AIMAQ_NOTIFICATION_SENDERS.items():
        if sender == CONSOLE_SENDER:
            found.append(
                Warning(
                    f"{channel} messages are printed to the terminal, not sent.",
                    hint="Set AIMAQ_SMS_SENDER / AIMAQ_EMAIL_SENDER to a real sender.",
                    id="aimaq.W001",
                )
            )
    if settings.EMAIL_BACKEND == CONSOLE_MAIL:
        found.append(
            Warning(
                "E-mail is printed to the terminal, not sent.",
                hint="Set AIMAQ_EMAIL_BACKEND to an SMTP backend.",
                id="aimaq.W002",
            )
        )
    return found
