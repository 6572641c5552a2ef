"""An official imports figures and sees them on the map, in Debian's headless Chromium."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import FilePayload, Page, expect

from aimaq.accounts.models import Role
from aimaq.core.charts import class_colours
from aimaq.indicators.tests.test_views_fixtures import make_world
from aimaq.testing.people import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# 2023 unemployment in Karaganda's rayons: Nura now the best (lowest), Abai the worst.
FIGURES = (
    "indicator,kato,period,value\n"
    "unemployment,355200000,2023,2.1\n"
    "unemployment,354800000,2023,4.0\n"
    "unemployment,353200000,2023,6.5\n"
)


@pytest.fixture
def outside_requests(page: Page) -> list[str]:
    """Every request the page tries to send beyond this machine, aborted and recorded."""
    attempted: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    page.route("**/*", guard)
    return attempted


HOSTILE = '<img src=x onerror="window.pwned=1">Nura-2'


def cut_out_of_abai_in_2023(world) -> None:
    """A reform of mid-2023 gives part of Abai's area to a new unit with a hostile name: a
    map of 2023 marks Abai, and the tooltip must show the name as text."""
    from datetime import date

    from aimaq.territories.models import Level, Reform, Succession, SuccessionKind
    from aimaq.testing.territories import TerritoryFactory

    new = TerritoryFactory.create(
        kato="359900000", parent=world["karaganda"], level=Level.RAYON, name_en=HOSTILE,
        valid_from=date(2023, 6, 1),
    )  # fmt: skip
    reform = Reform.objects.create(slug="abai-cut", date=date(2023, 6, 1), title_en="Cut")
    Succession.objects.create(
        reform=reform, predecessor=world["abai"], successor=new, kind=SuccessionKind.SPLIT
    )


def test_official_imports_a_csv_and_sees_it_on_the_map(
    page: Page, live_server, immediate_tasks, outside_requests
):
    world = make_world()
    cut_out_of_abai_in_2023(world)
    official = user_with_role(Role.EDITOR, world["karaganda"])
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    page.goto(f"{live_server.url}/indicators/import/")
    page.wait_for_url("**/accounts/login/**")  # anonymous: sent to sign in first
    page.locator("input[name=username]").fill(official.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url("**/indicators/import/")

    upload: FilePayload = {
        "name": "figures.csv",
        "mimeType": "text/csv",
        "buffer": FIGURES.encode(),
    }
    page.set_input_files("#id_file", files=[upload])
    page.locator(".import-form button[type=submit]").click()
    expect(page.locator("[data-count=new]")).to_have_text("3")
    expect(page.locator("[data-count=refused]")).to_have_text("0")

    page.locator("#confirm-import").click()
    progress = page.locator(".job-progress progress")
    expect(page.locator(".job-progress")).to_have_attribute("data-status", "done")
    assert progress.get_attribute("value") == progress.get_attribute("max") == "3"

    page.locator("#import-map-link").click()
    page.wait_for_url("**/indicators/map/unemployment/**")
    expect(page.locator("#ind-map")).to_have_attribute("data-feature-count", "3", timeout=10_000)
    good, middle, bad = class_colours(3, "lower")
    shapes = page.locator("#ind-map .leaflet-overlay-pane svg path")
    assert shapes.count() == 3  # Nura's outline and two centre markers
    fills = sorted(shapes.nth(i).get_attribute("fill") or "" for i in range(3))
    assert fills == sorted([good, middle, bad])
    # In KATO order: Abai (6.5, worst), Osakarovka (4.0), Nura (2.1, now the best).
    colours = page.locator("#ind-map").get_attribute("data-colours") or ""
    assert colours.split() == [bad, middle, good]
    # Abai's tooltip carries its break mark and note, the hostile name as inert text.
    page.locator(f'#ind-map path[fill="{bad}"]').hover()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("[1]")
    expect(tooltip).to_contain_text(HOSTILE)
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.locator(".leaflet-tile").count() == 0
    assert outside_requests == []


def test_evidence_pages_fit_a_360_px_phone(page: Page, live_server, outside_requests):
    make_world()
    page.set_viewport_size({"width": 360, "height": 740})
    for path in (
        "/indicators/profile/355200000/",
        "/indicators/compare/?t=355200000&t=354800000&i=unemployment&i=income",
        "/indicators/about/unemployment/?parent=350000000",
        "/indicators/series/unemployment/?t=355200000&t=350000000",
        "/indicators/map/income/?parent=350000000",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 362, (path, overflow)  # wide tables scroll inside their wrapper
    expect(page.locator("#ind-map")).to_have_attribute("data-feature-count", "3")
    assert outside_requests == []


def test_the_import_preview_fits_a_360_px_phone_in_kazakh(
    page: Page, live_server, immediate_tasks, outside_requests
):
    world = make_world()
    official = user_with_role(Role.EDITOR, world["karaganda"])
    page.set_viewport_size({"width": 360, "height": 740})
    page.context.add_cookies([{"name": "django_language", "value": "kk", "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/?next=/indicators/import/")
    page.locator("input[name=username]").fill(official.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url("**/indicators/import/")
    named: FilePayload = {
        "name": "figures.csv",
        "mimeType": "text/csv",
        "buffer": (
            b"indicator,territory,period,value\n"
            b"unemployment,Nura*,2022,5.9\nunemployment,Osakarovka,2022,4.3\n"
        ),
    }
    page.set_input_files("#id_file", files=[named])
    page.select_option("#id_match", "name")
    page.locator(".import-form button[type=submit]").click()
    expect(page.locator("[data-count=changed]")).to_have_text("2")
    for table in ("import-columns", "import-matches", "import-changes"):
        expect(page.locator(f".ind-table-wrap > table.{table}")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 362
    assert outside_requests == []


def test_the_trend_chart_keeps_readable_labels_on_a_360_px_phone(
    page: Page, live_server, outside_requests
):
    make_world()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/indicators/series/unemployment/?t=355200000&t=350000000")
    chart = page.locator(".series-chart svg.chart").bounding_box()
    assert chart is not None and chart["width"] >= 600  # 720 drawn: labels at 9 px or more
    frame = page.locator(".chart-scroll")
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls, the page does not
    assert page.evaluate("document.documentElement.scrollWidth") <= 362
    assert outside_requests == []


def test_a_map_of_one_unit_shown_by_its_centre_keeps_it_in_view(
    page: Page, live_server, outside_requests
):
    """Bounds of a single point have no size: the map must not zoom without end."""
    from aimaq.indicators.models import Indicator, Observation

    world = make_world()
    glubokoe = world["glubokoe"]  # East Kazakhstan's only unit here
    glubokoe.centre_lat, glubokoe.centre_lon = 50.13, 82.31
    glubokoe.save()
    Observation.objects.create(
        indicator=Indicator.objects.get(code="unemployment"),
        territory=glubokoe,
        period="2030",
        value=3.0,
    )
    page.goto(f"{live_server.url}/indicators/map/unemployment/?parent=630000000&period=2030")
    expect(page.locator("#ind-map")).to_have_attribute("data-feature-count", "1")
    frame = page.locator("#ind-map").bounding_box()
    marker = page.locator("#ind-map .leaflet-overlay-pane svg path").bounding_box()
    assert marker is not None and frame is not None
    assert marker["width"] > 10  # a drawn circle, not a degenerate path at the corner
    centre_x, centre_y = marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2
    assert abs(centre_x - (frame["x"] + frame["width"] / 2)) < frame["width"] / 4
    assert abs(centre_y - (frame["y"] + frame["height"] / 2)) < frame["height"] / 4
    assert outside_requests == []
