"""axe-core (WCAG 2 A and AA rules) finds no violation on the pages the apps registered for
the check (`aimaq.core.registries.register_checked_page`), in each language, public pages
anonymously and officials' pages signed in. Pages about an app's own objects are built by
the app's builder on top of the shared tree, once per test, before the first visit."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from aimaq.accounts.models import Role
from aimaq.core.registries import OFFICIAL, PUBLIC, checked_pages
from aimaq.testing.browser import Settler
from aimaq.testing.people import PASSWORD, user_with_role
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["kk", "ru", "en"]
# Only violations are reported back (passes are not listed node by node): the same verdict
# in a fraction of the time.
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def page(page: Page) -> Page:
    """The browser page, with axe-core put into every document it opens."""
    page.context.add_init_script(script=Axe().axe_script)
    return page


def violations(page: Page) -> list[str]:
    results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]


def visit_all(page: Page, base: str, paths: list[str]) -> dict[str, list[str]]:
    browser, found = Settler(page), {}
    for path in paths:
        assert browser.open(base + path) == 200, path
        if problems := violations(page):
            found[path] = problems
    return found


def in_every_language(page: Page, base: str, paths: list[str]) -> dict[str, dict]:
    found = {}
    for language in LANGUAGES:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        found[language] = visit_all(page, base, paths)
    return found


def test_public_pages_have_no_accessibility_violations_in_any_language(page: Page, live_server):
    tree = small_tree()
    paths = [checked.path_for(tree) for checked in checked_pages(PUBLIC)]
    found = in_every_language(page, live_server.url, paths)
    assert not any(found.values()), found


def test_official_pages_have_no_accessibility_violations_in_any_language(page: Page, live_server):
    tree = small_tree()
    official = user_with_role(Role.ADMIN, tree["karaganda"], username="oblast.admin")
    paths = [checked.path_for(tree, official) for checked in checked_pages(OFFICIAL)]
    browser = Settler(page)
    browser.open(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "oblast.admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    browser.settle()
    found = in_every_language(page, live_server.url, paths)
    assert not any(found.values()), found
