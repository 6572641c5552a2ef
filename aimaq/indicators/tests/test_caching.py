"""A visitor's public pages and API answers are cacheable: an ETag tied to the data version,
304 when it still holds, no cookie and no `Vary: Cookie`; signed-in requests are left alone."""

import pytest

from aimaq.indicators.tests.test_views_fixtures import (
    observe,
    world_fixture,  # noqa: F401
)
from aimaq.indicators.versions import mark_changed
from aimaq.testing.people import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/indicators/map/unemployment/?parent=350000000", "/api/indicators/profile/355200000", "/"],
)
def test_a_visitors_page_revalidates_with_its_etag_until_the_data_changes(client, world, path):
    first = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == 200 and first["ETag"]
    assert "public" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    assert not first.cookies, "an anonymous page sets no cookie (no CSRF token)"
    assert "cookie" not in first.get("Vary", "").lower()
    again = client.get(path, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    other_language = client.get(path, HTTP_ACCEPT_LANGUAGE="ru", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other_language.status_code == 200
    observe(world["unemployment"], world["abai"], {"2019": 3.6})
    mark_changed([world["unemployment"].pk])  # what an import or an approval does
    changed = client.get(path, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_signed_in_requests_and_import_pages_carry_no_etag(client, world):
    assert "ETag" not in client.get("/indicators/import/")
    client.force_login(UserFactory.create())
    response = client.get("/indicators/map/unemployment/?parent=350000000")
    assert response.status_code == 200 and "ETag" not in response
