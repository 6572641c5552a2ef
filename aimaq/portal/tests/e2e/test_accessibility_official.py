"""axe-core finds no violation on the officials' pages the apps registered for the check, in
each language, signed in as an administrator of Karaganda oblast."""

import pytest
from playwright.sync_api import Page

from aimaq.accounts.models import Role
from aimaq.core.registries import OFFICIAL, checked_pages
from aimaq.testing.accessibility import in_every_language, with_axe
from aimaq.testing.browser import Settler
from aimaq.testing.people import PASSWORD, user_with_role
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_official_pages_have_no_accessibility_violations_in_any_language(page: Page, live_server):
    tree = small_tree()
    official = user_with_role(Role.ADMIN, tree["karaganda"], username="oblast.admin")
    paths = [checked.path_for(tree, official) for checked in checked_pages(OFFICIAL)]
    page = with_axe(page)
    browser = Settler(page)
    browser.open(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "oblast.admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    browser.settle()
    found = in_every_language(page, live_server.url, paths)
    assert not any(found.values()), found
