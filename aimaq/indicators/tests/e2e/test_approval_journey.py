"""An editor imports, a manager approves, the public map changes, and the map's PNG
downloads at print size with its title — in Debian's headless Chromium."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect

from aimaq.accounts.models import Role
from aimaq.indicators.tests.test_views_fixtures import make_world
from aimaq.testing.people import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FIGURES = (
    "indicator,kato,period,value\n"
    "unemployment,355200000,2023,2.1\n"
    "unemployment,354800000,2023,4.0\n"
    "unemployment,353200000,2023,6.5\n"
)
MAP = "/indicators/map/unemployment/?parent=350000000&period=2023"
API = "/api/indicators/choropleth/unemployment?parent=350000000&period=2023"


def sign_in(page: Page, url: str, user) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()


def public_values(browser: Browser, url: str) -> list:
    visitor = browser.new_context()
    try:
        answer = visitor.request.get(url + API).json()
        return sorted(f["properties"]["value"] for f in answer["features"]
                      if f["properties"]["value"] is not None)  # fmt: skip
    finally:
        visitor.close()


def test_editor_imports_manager_approves_public_map_changes_png_prints(
    page: Page, browser: Browser, live_server, immediate_tasks
):
    world = make_world()
    url = live_server.url
    page.set_default_timeout(90_000)  # two shared cores: pages and the PNG take their time
    editor = user_with_role(Role.EDITOR, world["karaganda"])
    manager = user_with_role(Role.MANAGER, world["karaganda"])

    sign_in(page, url, editor)
    page.goto(f"{url}/indicators/import/")
    upload: FilePayload = {"name": "figures.csv", "mimeType": "text/csv",
                           "buffer": FIGURES.encode()}  # fmt: skip
    page.set_input_files("#id_file", files=[upload])
    page.locator(".import-form button[type=submit]").click()
    expect(page.locator("[data-count=new]")).to_have_text("3")
    page.locator("#confirm-import").click()
    expect(page.locator(".job-progress")).to_have_attribute("data-status", "done", timeout=90_000)
    expect(page.locator("#import-approval")).to_contain_text("awaiting approval")
    assert public_values(browser, url) == []  # the public sees nothing yet

    page.context.clear_cookies()
    sign_in(page, url, manager)
    page.goto(f"{url}/indicators/approvals/")
    page.get_by_role("link", name="figures.csv").click()
    page.get_by_label("Approve and publish").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#approval-status")).to_have_text("approved and published")
    assert public_values(browser, url) == [2.1, 4.0, 6.5]

    visitor = browser.new_context(accept_downloads=True)
    try:
        public = visitor.new_page()
        public.set_default_timeout(90_000)
        public.goto(url + MAP)
        expect(public.locator("#ind-map")).to_have_attribute(
            "data-feature-count", "3", timeout=90_000
        )
        with public.expect_download() as download_info:
            public.locator("#map-png").click()
        data = download_info.value.path().read_bytes()
    finally:
        visitor.close()
    image = Image.open(io.BytesIO(data))
    assert image.width >= 1000
    assert "Unemployment rate" in image.info.get("Title", "") + image.info.get("Description", "")
