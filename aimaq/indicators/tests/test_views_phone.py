"""On a phone a wide table scrolls inside its own frame instead of widening the page: every
table of the indicator's metadata page, of the import preview and of the approvals list
sits in the scrolling wrapper."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from aimaq.accounts.models import Role
from aimaq.indicators.models import ImportRun, ImportStatus
from aimaq.indicators.tests import test_approval
from aimaq.indicators.tests import test_views_import as views_import
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.people import user_with_role

editor, upload = views_import.editor, views_import.upload
editor_import = test_approval.editor_import

pytestmark = pytest.mark.django_db

WRAPPER = "ind-table-wrap"


class _Tables(HTMLParser):
    """The class of each table and whether the element holding it is the wrapper."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []  # the classes of the open elements
        self.tables: dict[str, bool] = {}

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "table":
            self.tables[classes] = bool(self.open) and WRAPPER in self.open[-1].split()
        if tag not in {"br", "input", "img", "link", "meta", "hr", "col", "source"}:
            self.open.append(classes)

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()


def tables(html: str) -> dict[str, bool]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def test_every_table_of_the_metadata_page_scrolls_in_its_wrapper(client, world):
    url = reverse("indicators:about", args=["unemployment"]) + "?parent=350000000"
    found = tables(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "data-table coverage-levels" in found  # "Reporting units by level"
    assert all(found.values()), found


NAMED = "indicator,territory,period,value\nunemployment,Nura*,2023,5.2\n"


def test_every_table_of_the_import_preview_scrolls_in_its_wrapper(client, editor):
    upload(client, NAMED, match="name")
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.PREVIEW, run.errors
    run.changes = [{"row": 2, "indicator": "unemployment", "territory": "Nura", "period": "2022",
                    "old": "5.5", "new": "5.2"}]  # fmt: skip
    run.save()
    url = reverse("indicators:import_preview", args=[run.pk])
    found = tables(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    wide = {"ind-table import-columns", "ind-table import-matches", "ind-table import-changes"}
    assert wide <= set(found)
    assert {table: found[table] for table in wide} == dict.fromkeys(wide, True)


def test_the_approvals_list_scrolls_in_its_wrapper(client, world, editor_import):
    client.force_login(user_with_role(Role.MANAGER, world["karaganda"]))
    html = client.get(reverse("indicators:approvals"), HTTP_ACCEPT_LANGUAGE="en")
    found = tables(html.content.decode())
    assert found == {"data-table": True}
