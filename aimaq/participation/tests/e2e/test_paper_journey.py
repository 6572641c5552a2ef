"""Paper-first: an official types in a meeting's paper sign-in sheet (counts by sex and age
group, vulnerable groups, the scan) and the participation statistics move; then enters a
voter's paper ballot after checking the ID — a second ballot by the same person is refused,
and the public ballot list shows the one. In Debian's headless Chromium, in English."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import FilePayload, Page, expect

from aimaq.testing.people import PASSWORD

from ...choices import MeetingKind, MeetingStatus
from ...services.budget import create_call, publish_call, review_project, submit_project
from ...services.meetings import record_meeting
from ...services.people import register_participant
from ...voters import make_iins
from ..world import close_voting, participation_world

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _scan() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 110), "white").save(out, "JPEG")
    return out.getvalue()


def _call_voting_today(world):
    """A published single-choice call of Zharaspai whose voting phase holds today."""
    today, editor = timezone.localdate(), world["editor"]
    call = create_call(
        territory=world["zharaspai"],
        name={"en": "People's budget of Zharaspai"},
        envelope=5_000_000,
        rule="single",
        max_choices=1,
        overflow="skip",
        online_check="phone_code",
        proposals_from=today - timedelta(days=40),
        proposals_to=today - timedelta(days=20),
        review_to=today - timedelta(days=10),
        voting_from=today - timedelta(days=5),
        voting_to=today + timedelta(days=5),
        results_on=today + timedelta(days=10),
        implementation_year=today.year + 1,
        by=editor,
    )
    publish_call(call, by=editor)
    for title in ("Street lights", "Playground"):
        author = register_participant(
            full_name=f"Author of {title}", residence=world["zharaspai"], birth_year=1980,
            by=editor,
        )  # fmt: skip
        project = submit_project(
            call, author=author, title=title, description="For the aul", author_cost=2_000_000,
            today=today - timedelta(days=30), by=editor,
        )  # fmt: skip
        review_project(
            project, feasible=True, cost=2_000_000, today=today - timedelta(days=15), by=editor
        )
    return call


def test_an_official_enters_a_paper_sheet_and_paper_ballots(page: Page, live_server):
    world = participation_world(with_plan=False)
    meeting = record_meeting(
        world["process"],
        body=None,
        kind=MeetingKind.OPEN,
        held_on=date(2017, 9, 1),
        place="Zharaspai club",
        status=MeetingStatus.HELD,
        is_published=True,
        by=world["editor"],
    )
    call = _call_voting_today(world)
    base = live_server.url
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}/accounts/login/?next=/participation/meetings/{meeting.pk}/sheet/")
    page.locator("input[name=username]").fill(world["editor"].username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"**/participation/meetings/{meeting.pk}/sheet/")

    statistics = f"{base}/participation/statistics/?process={world['process'].pk}"
    everyone = "main tr:has(th:text-is('all')) td"

    # The paper sheet: 12 women and 8 men aged 35–59, 3 of them in a vulnerable group.
    page.locator("input[name=f_35_59]").fill("12")
    page.locator("input[name=m_35_59]").fill("8")
    page.locator("input[name=group_any]").fill("30")  # a slip of the pen: more than came
    scan: FilePayload = {"name": "sheet.jpg", "mimeType": "image/jpeg", "buffer": _scan()}
    page.locator("input[name=scan]").set_input_files([scan])
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("More people in this group than came")
    page.locator("input[name=group_any]").fill("3")
    page.locator("input[name=scan]").set_input_files([scan])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/participation/meetings/{meeting.pk}/")
    expect(page.locator("body")).to_contain_text("20")
    page.goto(statistics)
    expect(page.locator(everyone).nth(1)).to_have_text("20")

    # Paper ballots: the same rules and the same one-ballot check as online.
    first, second = make_iins(2)
    paper = f"{base}/participation/budget/{call.pk}/paper/"
    for iin in (first, second, first):
        page.goto(paper)
        page.locator("input[name=iin]").fill(iin)
        page.locator("input[name=checked]").check()
        page.locator("input[name=choices]").first.check()
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("already voted")
    page.goto(f"{base}/participation/budget/{call.pk}/ballots/")
    expect(page.locator("main")).to_contain_text("published when voting closes")
    close_voting(call)
    page.reload()
    receipts = page.locator("main table tbody td.code")
    expect(receipts).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text(first)
    receipt = receipts.first.inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", receipt)
    # A voter finds their ballot by posting the code: it never lands in the address.
    page.locator("input[name=receipt]").fill(receipt)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main [role=status]")).to_contain_text(receipt)
    assert "receipt" not in page.url
