"""Fixtures of the grants tests: data built once per module (rolled back at its end), and
messages kept in memory."""

import pytest
from django.db import transaction

from aimaq.core.notifications.senders import MemorySender

MEMORY = "aimaq.core.notifications.senders.MemorySender"


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around the module's shared data, rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """A media folder shared by the module's tests (files stored by module-scoped data)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture
def shared_media(settings, module_media):
    settings.MEDIA_ROOT = module_media
    return module_media


@pytest.fixture
def outbox(settings):
    settings.AIMAQ_NOTIFICATION_SENDERS = {"email": MEMORY, "sms": MEMORY}
    MemorySender.outbox.clear()
    yield MemorySender.outbox
    MemorySender.outbox.clear()
