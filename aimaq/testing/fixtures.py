"""Fixtures every app's tests may use (registered in the root conftest.py)."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from aimaq.territories.models import Territory

from .territories import small_tree


@dataclass
class Document:
    """Any content that belongs to a territory and may be unpublished (a plan, a report)."""

    territory: Territory
    is_published: bool = False


@pytest.fixture
def tree(db) -> dict[str, Territory]:
    """Country › Karaganda › Nura › Zharaspai, and East Kazakhstan › Glubokoe."""
    return small_tree()


@pytest.fixture(autouse=True)
def _language_does_not_leak():
    """LocaleMiddleware leaves the last request's language active in the test thread."""
    yield
    translation.deactivate()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    """Background jobs run at once, in the test's thread (the database queue and its worker
    are tested on their own, with `db_worker --batch`)."""
    settings.TASKS = IMMEDIATE_TASKS
    return settings.TASKS
