"""axe-core finds no violation on the public pages the apps registered for the check, in
each language, visited anonymously. Pages about an app's own objects are built by the app's
builder on top of the shared tree before the first visit."""

import pytest
from playwright.sync_api import Page

from aimaq.core.registries import PUBLIC, checked_pages
from aimaq.testing.accessibility import in_every_language, with_axe
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_public_pages_have_no_accessibility_violations_in_any_language(page: Page, live_server):
    tree = small_tree()
    paths = [checked.path_for(tree) for checked in checked_pages(PUBLIC)]
    found = in_every_language(with_axe(page), live_server.url, paths)
    assert not any(found.values()), found
