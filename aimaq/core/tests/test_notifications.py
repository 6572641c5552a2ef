"""Notifications reach people in their language, through the sender set for the channel."""

import pytest
from django.core import mail
from django.core.checks import Tags, run_checks

from aimaq.accounts.models import Role
from aimaq.accounts.services import grant_role
from aimaq.core.notifications import Message, send
from aimaq.core.notifications.senders import MemorySender
from aimaq.testing.people import UserFactory, user_with_role


@pytest.fixture
def memory_sms(settings):
    settings.AIMAQ_NOTIFICATION_SENDERS = {
        **settings.AIMAQ_NOTIFICATION_SENDERS,
        "sms": "aimaq.core.notifications.senders.MemorySender",
    }
    MemorySender.outbox.clear()
    return MemorySender.outbox


def test_a_new_role_is_told_by_email_in_the_persons_language(
    settings, tree, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory(email="dana@example.kz", preferred_language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["nura"])
    [message] = mail.outbox
    assert message.to == ["dana@example.kz"]
    assert "редактор" in message.subject and "355200000" in message.body


def test_a_person_with_only_a_phone_is_told_by_sms(
    settings, tree, memory_sms, django_capture_on_commit_callbacks
):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory(email="", phone="+77010000000", preferred_language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        grant_role(by=admin, user=person, role=Role.VIEWER, territory=tree["nura"])
    [message] = memory_sms
    assert message.channel == "sms" and message.to == "+77010000000"
    assert "наблюдатель" in message.subject or "роль" in message.subject


def test_a_channel_without_a_sender_is_an_error(settings):
    settings.AIMAQ_NOTIFICATION_SENDERS = {}
    with pytest.raises(ValueError, match="No sender"):
        send(Message("email", "a@b.kz", "s", "b"))


def test_the_deploy_check_warns_while_messages_would_be_printed_not_sent(settings):
    def warnings() -> set[str]:
        found = run_checks(include_deployment_checks=True, tags=[Tags.security])
        return {str(message.id) for message in found if str(message.id).startswith("aimaq.")}

    settings.AIMAQ_NOTIFICATION_SENDERS = {
        "email": "aimaq.core.notifications.senders.EmailSender",
        "sms": "aimaq.core.notifications.senders.ConsoleSender",
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert warnings() == {"aimaq.W001", "aimaq.W002"}

    settings.AIMAQ_NOTIFICATION_SENDERS = {
        "email": "aimaq.core.notifications.senders.EmailSender",
        "sms": "example_gateway.SmsSender",
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert warnings() == set()
