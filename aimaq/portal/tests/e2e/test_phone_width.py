"""Measured in Chromium: on a 360 px phone no page is wider than the screen, and no word
breaks in the middle (at phone and desktop width), in each interface language."""

import pytest
from playwright.sync_api import Page, ViewportSize

from aimaq.accounts.models import Role, RoleGrant
from aimaq.testing.browser import Settler
from aimaq.testing.people import PASSWORD, UserFactory, user_with_role
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

# Words whose letters sit on more than one line: a word broken mid-word. Hyphens, dashes and
# slashes may end a line; text hidden from view is left out.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const element = node.parentElement;
    if (!element || element.closest('.visually-hidden, script, style, noscript, option')) continue;
    if (!element.getClientRects().length) continue;
    const words = /[^\\s\\-‐–—\\/]+/g;
    let match;
    while ((match = words.exec(node.textContent))) {
      if (match[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(
        Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom))
      );
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""

# Elements reaching past the right edge of the screen (outside boxes that scroll).
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll('body *')) {
    if (element.closest('.table-wrap, .ind-table-wrap, .visually-hidden, .leaflet-container')) continue;
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      wide.push(`${element.tagName.toLowerCase()}${element.name ? '[name=' + element.name + ']' : ''} ${Math.round(box.width)} px`);
    }
  }
  return {page: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""

PUBLIC_PAGES = [
    "/",
    "/territories/",
    "/territories/350000000/",
    "/accounts/login/",
    "/indicators/",
    "/indicators/compare/?t=350000000&t=630000000",
    "/indicators/typology/350000000/",
]
OFFICIAL_PAGES = ["/accounts/me/", "/accounts/grants/350000000/", "/indicators/import/"]


def sign_in(browser: Settler, base: str, username: str) -> None:
    page = browser.page
    browser.open(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    browser.settle()


@pytest.fixture
def officials():
    """An oblast administrator with several long-named grants to show in the role tables."""
    tree = small_tree()
    admin = user_with_role(Role.ADMIN, tree["karaganda"], username="oblast.admin")
    admin.groups.clear()
    for role, unit in [(Role.EDITOR, "nura"), (Role.VIEWER, "zharaspai"), (Role.MANAGER, "nura")]:
        RoleGrant.objects.create(
            user=UserFactory(first_name="Жансая", last_name="Мұхамедқалиқызы"),
            role=role,
            territory=tree[unit],
        )
    return admin


def measure(browser: Settler, base: str, paths: list[str]) -> tuple[dict, dict]:
    """Each page opened once on a phone (words and width measured), then laid out again at
    desktop width (words measured again)."""
    page = browser.page
    broken, wide = {}, {}
    for path in paths:
        page.set_viewport_size(PHONE)
        assert browser.open(base + path) == 200, path
        if words := page.evaluate(BROKEN_WORDS):
            broken[f"{path} (phone)"] = words[:10]
        size = page.evaluate(TOO_WIDE)
        if size["page"] > size["width"] or size["wide"]:
            wide[path] = size
        page.set_viewport_size(DESKTOP)
        if words := page.evaluate(BROKEN_WORDS):
            broken[f"{path} (desktop)"] = words[:10]
    return broken, wide


def test_pages_fit_a_phone_and_break_no_word_at_any_width_in_any_language(
    page: Page, live_server, officials
):
    browser = Settler(page)
    broken, wide = {}, {}
    for language in ["kk", "ru", "en"]:
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        public_broken, public_wide = measure(browser, live_server.url, PUBLIC_PAGES)
        sign_in(browser, live_server.url, "oblast.admin")
        official_broken, official_wide = measure(browser, live_server.url, OFFICIAL_PAGES)
        broken[language] = {**public_broken, **official_broken}
        wide[language] = {**public_wide, **official_wide}
    assert not any(broken.values()), broken
    assert not any(wide.values()), wide


def test_import_page_select_fits_a_phone(page: Page, live_server, officials):
    page.set_viewport_size(PHONE)
    sign_in(Settler(page), live_server.url, "oblast.admin")
    page.goto(live_server.url + "/indicators/import/")
    widths = page.eval_on_selector_all(
        "main select, main input", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert widths and max(widths) <= PHONE["width"]


def test_sign_in_inputs_are_easy_to_tap_on_a_phone(page: Page, live_server, officials):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    for name in ("username", "password"):
        box = page.locator(f"input[name={name}]").bounding_box()
        assert box is not None, name
        assert box["height"] >= 44, name
        assert box["width"] >= 280, name
