"""Dashboards: an official saves maps, charts and a table for their territory; the territory
page shows its default one; others may read it but not save one there."""

import pytest

from aimaq.accounts.models import Role
from aimaq.indicators.models import Dashboard
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.forms import sent_twice
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


def test_its_owner_edits_and_deletes_a_dashboard_others_may_not(client, world):
    owner = user_with_role(Role.EDITOR, world["karaganda"])
    client.force_login(owner)
    save(client, world)
    dashboard = Dashboard.objects.get()
    page = client.get(f"/indicators/dashboard/{dashboard.pk}/").content.decode()
    assert "Edit the dashboard" in page and "Delete the dashboard" in page
    form = client.get(f"/indicators/dashboard/{dashboard.pk}/edit/").content.decode()
    assert 'value="Karaganda at a glance"' in form
    response = client.post(
        f"/indicators/dashboard/{dashboard.pk}/edit/",
        {"title": "Karaganda jobs", "table": [world["unemployment"].pk]},
    )
    assert response.status_code == 302
    dashboard.refresh_from_db()
    assert dashboard.title == "Karaganda jobs" and not dashboard.is_default
    assert [i.kind for i in dashboard.items.all()] == ["table"]

    colleague = user_with_role(Role.EDITOR, world["karaganda"])  # same scope, not the owner
    client.force_login(colleague)
    page = client.get(f"/indicators/dashboard/{dashboard.pk}/").content.decode()
    assert "Karaganda jobs" in page and "Delete the dashboard" not in page
    assert client.get(f"/indicators/dashboard/{dashboard.pk}/edit/").status_code == 403
    assert client.post(f"/indicators/dashboard/{dashboard.pk}/delete/").status_code == 403
    client.logout()
    assert client.post(f"/indicators/dashboard/{dashboard.pk}/delete/").status_code == 403
    assert Dashboard.objects.filter(pk=dashboard.pk).exists()

    client.force_login(owner)
    response = client.post(f"/indicators/dashboard/{dashboard.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/indicators/dashboards/{world['karaganda'].kato}/")
    assert not Dashboard.objects.exists()


def test_the_territory_page_leads_an_official_to_dashboards_before_there_is_one(client, world):
    url = f"/territories/{world['karaganda'].kato}/"
    dashboards = f'href="/indicators/dashboards/{world["karaganda"].kato}/"'
    assert dashboards not in client.get(url).content.decode()  # nothing to see yet

    client.force_login(user_with_role(Role.EDITOR, world["karaganda"]))
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert dashboards in html
    assert "Save a dashboard of chosen figures for this territory" in html

    save(client, world, is_default="")
    client.logout()
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert dashboards in html and "The dashboards of this territory" in html


def test_a_double_click_saves_one_dashboard(client, world):
    client.force_login(user_with_role(Role.EDITOR, world["karaganda"]))
    data = {"title": "At a glance", "table": [world["unemployment"].pk]}

    first, second = sent_twice(client, f"/indicators/dashboards/{world['karaganda'].kato}/", data)

    assert first.url == second.url == f"/indicators/dashboard/{Dashboard.objects.get().pk}/"
