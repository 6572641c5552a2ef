"""One default-period rule on every page: after a small import of a newer year, every page
still opens on the broadly reported year, says which one it shows, and offers the newer one."""

import re

import pytest

from aimaq.indicators.selectors import broadly_reported
from aimaq.indicators.tests.test_views_fixtures import (
    observe,
    world_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def test_the_latest_period_reported_by_at_least_half_as_many_as_the_best_one_is_the_default():
    assert broadly_reported({"2022": 20, "2023": 4}) == "2022"
    assert broadly_reported({"2022": 20, "2023": 10}) == "2023"
    assert broadly_reported({}) == ""


@pytest.fixture
def partial_import(world):
    """Only Nura already has 2023 figures (of its five peers)."""
    for code in ("unemployment", "income", "poverty"):
        observe(world[code], world["nura"], {"2023": 9.9})
    return world


def shown_period(client, url: str) -> str:
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    found = re.search(r'class="help period-note" data-period="([^"]*)"', html)
    assert found, f"{url} does not say which period it shows"
    assert re.search(r'<option value="2023"[^>]*>2023', html), f"{url} offers no other period"
    return found.group(1)


def test_every_page_opens_on_the_same_broadly_reported_year_after_a_partial_import(
    client, partial_import
):
    w = partial_import
    k, n = w["karaganda"].kato, w["nura"].kato
    pages = [
        f"/indicators/profile/{n}/",
        f"/indicators/map/unemployment/?parent={k}",
        f"/indicators/compare/?t={n}&t={w['abai'].kato}&t={w['osakarovka'].kato}&i=unemployment",
        f"/indicators/typology/{k}/?i=unemployment&i=income",
        f"/indicators/poverty/{k}/",
    ]
    assert {url: shown_period(client, url) for url in pages} == dict.fromkeys(pages, "2022")
    api = [
        f"/api/indicators/profile/{n}",
        f"/api/indicators/choropleth/unemployment?parent={k}",
        f"/api/indicators/typology/{k}?i=unemployment&i=income",
        f"/api/indicators/poverty/{k}",
    ]
    assert {url: client.get(url).json()["period"] for url in api} == dict.fromkeys(api, "2022")


def test_a_page_shows_the_newer_year_when_asked_and_says_it_was_chosen(client, partial_import):
    url = f"/indicators/map/unemployment/?parent={partial_import['karaganda'].kato}&period=2023"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-period="2023"' in html and "as chosen (by default: 2022)" in html


def test_typology_says_which_year_it_tried_when_too_few_units_have_it(client, partial_import):
    url = f"/indicators/typology/{partial_import['karaganda'].kato}/?i=unemployment&period=2023"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No grouping for 2023" in html
