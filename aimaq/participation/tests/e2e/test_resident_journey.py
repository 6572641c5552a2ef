"""A resident of Zharaspai, in Kazakh, signs up with a code sent to the phone, reports the
missing mobile network with a photo; an official publishes it and links it to the plan
action that answers it; the resident sees "my proposal → action → progress". In Debian's
headless Chromium."""

from __future__ import annotations

import io
import re
from urllib.parse import urlparse

import pytest
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect

from aimaq.plans.tests.world import approved_plan
from aimaq.testing.people import PASSWORD

from ...models import Proposal
from ..conftest import code_in
from ..world import participation_world

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "blue").save(out, "JPEG")
    return out.getvalue()


def _kazakh(page: Page, url: str) -> list[str]:
    """Kazakh pages, and every request beyond this machine aborted and recorded."""
    attempted: list[str] = []

    def guard(route):
        target = route.request.url
        if target.startswith(("data:", "blob:")) or urlparse(target).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            attempted.append(target)
            route.abort()

    page.route("**/*", guard)
    page.context.add_cookies([{"name": "django_language", "value": "kk", "url": url}])
    return attempted


def test_resident_follows_a_proposal_to_the_plan_action_in_kazakh(
    page: Page, browser: Browser, live_server, outbox
):
    world = participation_world(with_plan=False)
    approved_plan(world)  # the public sees the actions of an approved plan
    base = live_server.url
    outside = _kazakh(page, base)

    # Sign up with a code sent to the phone.
    page.goto(f"{base}/participation/sign-in/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.locator("input[name=address]").fill("8 701 555 01 01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/participation/sign-in/code/")
    page.locator("input[name=code]").fill(code_in(outbox[-1]))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/participation/sign-up/")
    page.locator("input[name=full_name]").fill("Айгерім Сейітова")
    page.locator("select[name=residence]").select_option(str(world["zharaspai"].pk))
    page.locator("select[name=sex]").select_option("f")
    page.locator("input[name=birth_year]").fill("1994")
    page.locator("input[name=agree]").check()
    page.locator("main form button[type=submit]").click()

    # Report the missing network with a photo.
    page.goto(f"{base}/participation/proposals/new/")
    page.locator("input[name=kind][value=problem]").check()
    page.locator("select[name=category]").select_option("connectivity")
    page.locator("input[name=title]").fill("Ауылда ұялы байланыс жоқ")
    page.locator("textarea[name=text]").fill("Жедел жәрдем шақыру мүмкін емес.")
    photo: FilePayload = {"name": "signal.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    page.locator("input[name=photos]").set_input_files([photo])
    page.locator("main form.form-grid button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/participation/proposals/\d+/$"))
    proposal = Proposal.objects.get(title="Ауылда ұялы байланыс жоқ")
    expect(page.locator("ul.photo-list img")).to_have_count(1)

    # The official publishes it and links it to the plan's action.
    official = browser.new_context()
    desk = official.new_page()
    _kazakh(desk, base)
    desk.goto(f"{base}/accounts/login/?next=/participation/proposals/{proposal.pk}/")
    desk.locator("input[name=username]").fill(world["editor"].username)
    desk.locator("input[name=password]").fill(PASSWORD)
    desk.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    desk.wait_for_url(f"**/participation/proposals/{proposal.pk}/")
    desk.locator(f"form[action$='/proposals/{proposal.pk}/moderate/'] button").click()
    desk.locator("select[name=action]").select_option(index=1)
    desk.locator(f"form[action$='/proposals/{proposal.pk}/link/'] button").click()
    expect(desk.locator("ol.trail a")).to_have_count(1)
    official.close()

    # The resident sees the action and its progress.
    page.reload()
    trail = page.locator("ol.trail")
    expect(trail.locator("li")).to_have_count(3)
    expect(trail.locator("a")).to_have_attribute("href", re.compile(r"/plans/"))
    expect(trail.locator("progress")).to_have_count(1)
    assert outside == []
