"""The monitoring pages put every table in a box that scrolls sideways (`.table-wrap`), so
a table wider than the screen never makes the page wider (measured in the browser by
e2e/test_scorecard_width.py)."""

from html.parser import HTMLParser

import pytest

from aimaq.plans.tests.world import approved_plan, plan_world

pytestmark = pytest.mark.django_db


class Tables(HTMLParser):
    """Counts the tables of a page, and those inside a `.table-wrap`."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []  # per open div: is it a .table-wrap?
        self.tables = self.wrapped = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "div":
            self.open.append("table-wrap" in (dict(attrs).get("class") or "").split())
        elif tag == "table":
            self.tables += 1
            self.wrapped += any(self.open)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.open:
            self.open.pop()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_scorecard_and_the_rollup_scroll_their_tables_not_the_page(client, language):
    world = plan_world()
    plan = approved_plan(world)
    for url in (f"/plans/{plan.pk}/scorecard/", f"/plans/rollup/{world['zharaspai'].kato}/"):
        parser = Tables()
        parser.feed(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
        assert parser.tables, url
        assert parser.wrapped == parser.tables, url
