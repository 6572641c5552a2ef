"""Dashboards: an official saves maps, charts and a table for their territory; the territory
page shows its default one; others may read it but not save one there."""

import pytest

from aimaq.accounts.models import Role
from aimaq.indicators.models import Dashboard
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.django_db


def save(client, world, **fields):
    data = {"title": "Karaganda at a glance", "maps": [world["unemployment"].pk],
            "series": [world["income"].pk], "table": [world["unemployment"].pk,
            world["poverty"].pk], "is_default": "on", **fields}  # fmt: skip
    return client.post(f"/indicators/dashboards/{world['karaganda'].kato}/", data)


def test_an_editor_saves_a_default_dashboard_the_territory_page_shows(client, world):
    client.force_login(user_with_role(Role.EDITOR, world["karaganda"]))
    response = save(client, world)
    dashboard = Dashboard.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{dashboard.pk}/")
    client.logout()
    page = client.get(f"/territories/{world['karaganda'].kato}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Karaganda at a glance" in html
    assert "/indicators/map/unemployment/map.svg?parent=350000000" in html
    assert "/indicators/series/income/chart.svg?t=350000000" in html
    assert "Nura" in html and ">5.5<" in html  # the table of its units, default year 2022
    assert (
        "Karaganda at a glance"
        not in client.get(f"/territories/{world['east'].kato}/").content.decode()
    )


def test_someone_out_of_scope_may_read_but_not_save(client, world):
    client.force_login(user_with_role(Role.EDITOR, world["east"]))
    assert save(client, world).status_code == 403
    page = client.get(f"/indicators/dashboards/{world['karaganda'].kato}/").content.decode()
    assert "Save a new dashboard" not in page


def test_a_dashboard_needs_something_to_show(client, world):
    client.force_login(user_with_role(Role.EDITOR, world["karaganda"]))
    response = save(client, world, maps=[], series=[], table=[])
    assert response.status_code == 200 and not Dashboard.objects.exists()
    assert "Choose at least one map, chart or table indicator." in response.content.decode()
