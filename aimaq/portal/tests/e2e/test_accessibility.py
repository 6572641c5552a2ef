"""axe-core (WCAG 2 A and AA rules) finds no violation on the main pages, in each language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from aimaq.accounts.models import Role
from aimaq.testing.people import PASSWORD, user_with_role
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
PAGES = [
    "/",
    "/territories/",
    "/territories/350000000/",
    "/territories/?q=Nura",
    "/accounts/login/",
]


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_public_pages_have_no_accessibility_violations(page: Page, live_server, language):
    small_tree()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    found = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if problems := violations(page):
            found[path] = problems
    assert not found


def test_official_pages_have_no_accessibility_violations(page: Page, live_server):
    tree = small_tree()
    user_with_role(Role.ADMIN, tree["karaganda"], username="oblast.admin")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "oblast.admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    found = {}
    for path in ["/accounts/me/", "/territories/355200000/edit/", "/accounts/grants/350000000/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if problems := violations(page):
            found[path] = problems
    assert not found
