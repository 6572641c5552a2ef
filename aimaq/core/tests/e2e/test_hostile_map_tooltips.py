"""A name holding markup is shown as its literal text in a map's tooltips and credits, in
Debian's headless Chromium, and nothing in it runs."""

import pytest
from playwright.sync_api import Dialog, Page, expect

from aimaq.testing.hostile import PAYLOAD, build_world, hostile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# If any injected markup ran, it would call xss(); a policy violation is logged as well.
TRAP = "window.__xss = 0; window.xss = function () { window.__xss += 1; };"


@pytest.fixture
def watched(page: Page, live_server) -> list[str]:
    """The page in English, with the trap set; returns the policy violations and errors seen."""
    seen: list[str] = []
    page.add_init_script(TRAP)
    page.on("console", lambda m: seen.append(m.text) if "Content Security" in m.text else None)
    page.on("pageerror", lambda error: seen.append(str(error)))

    def dismiss(dialog: Dialog) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return seen


def tooltips_of_every_feature(page: Page, map_selector: str) -> set[str]:
    """Hover each drawn feature in turn; the texts of the tooltips that opened."""
    texts: set[str] = set()
    features = page.locator(f"{map_selector} .leaflet-overlay-pane svg path.leaflet-interactive")
    tooltips = page.locator(".leaflet-tooltip")
    for n in range(features.count()):
        page.mouse.move(0, 0)
        features.nth(n).hover(force=True)
        texts.update(tooltips.all_inner_texts())  # at once: a tooltip may close meanwhile
    assert page.locator(".leaflet-tooltip *:is(script, svg, img, iframe)").count() == 0
    return texts


def test_territory_map_tooltips_and_credits_show_hostile_names_as_text(
    page: Page, live_server, watched
):
    build_world()
    page.goto(f"{live_server.url}/territories/350000000/")
    expect(page.locator("#territory-map")).to_have_attribute("data-feature-count", "3")
    texts = tooltips_of_every_feature(page, "#territory-map")
    assert any(text.startswith(hostile("rayon.en")) for text in texts), texts
    assert any(text.startswith(hostile("rayon_2.en")) for text in texts), texts
    credit = page.locator(".leaflet-control-attribution")
    expect(credit).to_contain_text(hostile("boundary_source"))
    assert credit.locator("script, svg, img").count() == 0
    assert page.evaluate("window.__xss") == 0
    assert watched == []


def test_indicator_map_tooltips_show_hostile_names_and_units_as_text(
    page: Page, live_server, watched
):
    build_world()
    page.goto(f"{live_server.url}/indicators/map/poverty_rate/?parent=350000000&period=2022")
    expect(page.locator("#ind-map")).to_have_attribute("data-feature-count", "2")
    texts = tooltips_of_every_feature(page, "#ind-map")
    unit = hostile("unit.en")
    assert f"{hostile('rayon.en')}: 8.25\u00a0{unit}" in texts, texts
    assert f"{hostile('rayon_2.en')}: 3.50\u00a0{unit}" in texts, texts
    assert all(PAYLOAD in text for text in texts)
    assert page.evaluate("window.__xss") == 0
    assert watched == []
