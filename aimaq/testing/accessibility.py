"""The axe-core check (WCAG 2 A and AA rules) in a browser page: the pages the apps
registered (`aimaq.core.registries.register_checked_page`) visited in each language. Used by
aimaq/portal/tests/e2e/test_accessibility_*.py (public and officials' pages are two files,
so the suite's two workers can check them side by side)."""

from __future__ import annotations

from playwright.sync_api import Page

from .browser import Settler

LANGUAGES = ["kk", "ru", "en"]
# Only violations are reported back (passes are not listed node by node): the same verdict
# in a fraction of the time.
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
    "resultTypes": ["violations"],
}


def with_axe(page: Page) -> Page:
    """The browser page, with axe-core put into every document it opens."""
    from axe_playwright_python.sync_playwright import Axe

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
    """Each language's violations, page by page (empty when there are none)."""
    found = {}
    for language in LANGUAGES:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        found[language] = visit_all(page, base, paths)
    return found
