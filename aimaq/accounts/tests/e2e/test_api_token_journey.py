"""An official makes an API token in the browser, sees it once, uses it, and revokes it after
confirming; every page of the way passes axe-core's WCAG 2 A/AA rules."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from aimaq.accounts.models import Role
from aimaq.testing.people import PASSWORD, user_with_role
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def test_make_use_and_revoke_a_token(page: Page, live_server):
    tree = small_tree()
    user_with_role(Role.EDITOR, tree["nura"], username="nura.editor")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "nura.editor")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.goto(live_server.url + "/accounts/me/")
    page.get_by_role("link", name="My API tokens").click()
    assert not violations(page)

    page.get_by_label("Token name").fill("Statistics sync")
    page.get_by_role("button", name="Make the token").click()
    secret = page.get_by_label("Token").input_value()
    assert re.fullmatch(r"aimaq_[A-Za-z0-9_-]{43}", secret)
    assert not violations(page)

    answer = page.request.get(
        live_server.url + "/api/indicators/imports/1",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.status == 404  # known person, no such run: not 401

    page.get_by_role("link", name="Back to my API tokens").click()
    expect(page.get_by_role("main")).not_to_contain_text(secret)
    expect(page.get_by_role("main")).to_contain_text(secret[:12])
    page.get_by_role("link", name="Revoke the token Statistics sync").click()
    assert not violations(page)
    page.get_by_role("button", name="Revoke the token").click()
    expect(page.get_by_role("status")).to_contain_text("no longer works")
    answer = page.request.get(
        live_server.url + "/api/indicators/imports/1",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.status == 401
