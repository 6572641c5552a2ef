"""Browser journeys on the territory pages, in Debian's headless Chromium."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from aimaq.territories.models import Level, Territory
from aimaq.testing.territories import TerritoryFactory, country

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[72.0, 49.0], [75.0, 49.0], [75.0, 51.0], [72.0, 51.0], [72.0, 49.0]]],
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def karaganda() -> Territory:
    kz = country()
    oblast = TerritoryFactory.create(
        kato="350000000",
        parent=kz,
        name_kk="Қарағанды облысы",
        name_ru="Карагандинская область",
        name_en="Karaganda Region",
        population=1_134_000,
        population_year=2024,
        boundary_web=SQUARE,
        boundary_source="geokz (CC BY 4.0)",
    )
    TerritoryFactory.create(
        kato="355200000",
        parent=oblast,
        level=Level.RAYON,
        name_ru="Нуринский район",
        name_en="Nura District",
        centre_lat=50.1,
        centre_lon=73.5,
        population=24_000,
    )
    TerritoryFactory.create(
        kato="351000000",
        parent=oblast,
        level=Level.CITY_OBLAST,
        name_ru="Караганда Г.А.",
        name_en="Karaganda city",
        centre_lat=49.8,
        centre_lon=73.1,
    )
    return oblast


@pytest.fixture
def outside_requests(page: Page) -> list[str]:
    """Every request the page tries to send beyond this machine, aborted and recorded."""
    attempted: list[str] = []

    def guard(route):
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.route("**/*", guard)
    return attempted


def test_language_choice_changes_the_page_and_persists(page: Page, live_server, karaganda):
    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page.goto(f"{live_server.url}/territories/350000000/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Карагандинская область")
    expect(page.locator(".breadcrumbs li").first).to_have_text("Главная")
    main_nav = page.get_by_role("navigation", name="Основное меню")
    expect(main_nav.get_by_role("link", name="Территории")).to_be_visible()

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/territories/350000000/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Karaganda Region")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Territories")).to_be_visible()
    expect(page.locator(".breadcrumbs li").first).to_have_text("Home")
    expect(page.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")

    page.get_by_role("link", name="Nura District").click()
    expect(page.locator("h1")).to_have_text("Nura District")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_map_draws_outline_and_centres_without_leaving_the_machine(
    page: Page, live_server, karaganda, outside_requests
):
    page.goto(f"{live_server.url}/territories/350000000/")
    map_element = page.locator("#territory-map[data-feature-count]")
    expect(map_element).to_have_attribute("data-feature-count", "3", timeout=10_000)
    # One polygon and two circle markers, all drawn as SVG paths.
    assert page.locator(".leaflet-overlay-pane svg path").count() == 3
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("geokz (CC BY 4.0)")
    expect(page.locator(".leaflet-control-scale")).to_be_visible()
    assert page.locator(".leaflet-tile").count() == 0
    assert outside_requests == []


def test_map_says_so_when_nothing_has_coordinates(page: Page, live_server, outside_requests):
    unit = TerritoryFactory.create(kato="630000000", parent=country(), name_en="East Kazakhstan")
    page.goto(f"{live_server.url}/territories/{unit.kato}/")
    expect(page.locator("#territory-map-empty")).to_contain_text("nothing to map")
    assert outside_requests == []


def test_suggestions_appear_while_typing_and_open_the_page(page: Page, live_server, karaganda):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/")
    page.get_by_label("Find a territory").press_sequentially("Qaraghandy", delay=20)
    suggestion = page.locator("#territory-suggestions a").first
    expect(suggestion).to_contain_text("Karaganda Region")
    suggestion.click()
    page.wait_for_url(re.compile(r"/territories/350000000/$"))
    expect(page.locator("h1")).to_have_text("Karaganda Region")


def test_phone_width_has_no_horizontal_scroll(page: Page, live_server, karaganda):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/territories/", "/territories/350000000/"):
        page.goto(f"{live_server.url}{path}")
        if path.endswith("350000000/"):
            expect(page.locator("#territory-map")).to_have_attribute("data-feature-count", "3")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
