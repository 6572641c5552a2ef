"""axe-core (WCAG 2 A and AA rules) finds no violation on the pages the apps registered for
the check (`aimaq.core.registries.register_checked_page`), in each language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from aimaq.accounts.models import Role
from aimaq.core.registries import OFFICIAL, PUBLIC, checked_pages
from aimaq.testing.people import PASSWORD, user_with_role
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def visit_all(page: Page, base: str, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        if problems := violations(page):
            found[path] = problems
    return found


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_public_pages_have_no_accessibility_violations(page: Page, live_server, language):
    small_tree()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    paths = [checked.path for checked in checked_pages(PUBLIC)]
    assert not visit_all(page, live_server.url, paths)


def test_official_pages_have_no_accessibility_violations(page: Page, live_server):
    tree = small_tree()
    user_with_role(Role.ADMIN, tree["karaganda"], username="oblast.admin")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "oblast.admin")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    paths = [checked.path for checked in checked_pages(OFFICIAL)]
    assert not visit_all(page, live_server.url, paths)
