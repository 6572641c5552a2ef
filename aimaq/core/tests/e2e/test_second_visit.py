"""A visitor who comes back to a public page (a reload, the Back button) gets it whole: the
browser revalidates its copy, and the "not modified" answer leaves the page its style sheet
and scripts."""

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STYLED = "() => getComputedStyle(document.querySelector('header, body')).fontFamily"
# A sheet the page's policy refuses is absent, or (in a sandboxed page) unreadable.
SHEETS = """() => Array.from(document.styleSheets).filter(sheet => {
    try { return sheet.href && sheet.cssRules.length > 0; } catch (refused) { return false; }
}).length"""


def test_a_reloaded_public_page_keeps_its_style_and_scripts(page: Page, live_server):
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    conditional: list[str] = []

    def note(response) -> None:
        if response.url == f"{live_server.url}/":
            conditional.append(response.request.all_headers().get("if-none-match", ""))

    page.on("response", note)

    page.goto(f"{live_server.url}/")
    first = (page.evaluate(STYLED), page.evaluate(SHEETS))
    page.reload()
    again = (page.evaluate(STYLED), page.evaluate(SHEETS))

    assert conditional[-1], "the browser revalidated its copy"
    assert first[1] >= 1 and again == first
    assert page.evaluate("() => typeof htmx") == "object", "the scripts ran"
    assert not refused
