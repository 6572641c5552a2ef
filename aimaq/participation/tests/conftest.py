import pytest

from aimaq.core.notifications.senders import MemorySender


@pytest.fixture
def outbox(settings):
    """Messages (codes, answers) kept in memory instead of being sent."""
    settings.AIMAQ_NOTIFICATION_SENDERS = {
        "email": "aimaq.core.notifications.senders.MemorySender",
        "sms": "aimaq.core.notifications.senders.MemorySender",
    }
    MemorySender.outbox.clear()
    yield MemorySender.outbox
    MemorySender.outbox.clear()


def code_in(message) -> str:
    """The six-digit code in a message's body."""
    import re

    found = re.search(r"\b(\d{6})\b", message.body)
    assert found, message.body
    return found.group(1)
