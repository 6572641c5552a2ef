"""Measured in Chromium: the scorecard fits the screen on a phone and on a desktop in each
language. Wide tables scroll in their own box (the periods' tables opened too); on a
desktop only the ten-column table of indicators may need to, the others fit."""

import pytest
from playwright.sync_api import Page, ViewportSize

from aimaq.plans.tests.world import approved_plan, plan_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}

# The page's width, the elements reaching past the screen's right edge outside a box that
# scrolls, and the tables (other than the indicators') that scroll in theirs.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll('main *')) {
    if (element.closest('.table-wrap, .visually-hidden')) continue;
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1) wide.push(`${element.tagName} ${Math.round(box.width)} px`);
  }
  const scrolling = Array.from(document.querySelectorAll('.table-wrap'))
    .filter(box => !box.querySelector('#scorecard-table') && box.scrollWidth > box.clientWidth)
    .map(box => box.querySelector('th').textContent);
  return {page: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8), scrolling};
}"""


def test_the_scorecard_fits_the_screen_in_every_language(page: Page, live_server):
    plan = approved_plan(plan_world())
    url = f"{live_server.url}/plans/{plan.pk}/scorecard/"
    too_wide, scrolling = {}, {}
    for language in ("kk", "ru", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": url}])
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.goto(url)
            assert page.locator("main details table").count()
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            measured = page.evaluate(MEASURE)
            where = f"{language} {size['width']} px"
            if measured["page"] > measured["width"] or measured["wide"]:
                too_wide[where] = measured
            if size is DESKTOP and measured["scrolling"]:
                scrolling[where] = measured["scrolling"]
    assert not too_wide, too_wide
    assert not scrolling, scrolling
