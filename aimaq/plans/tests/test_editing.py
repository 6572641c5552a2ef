"""The section pages of a draft link to their add forms instead of carrying them: the form
has a page of its own (without JavaScript), opens in place with htmx, and answers invalid
input with the form and its errors — in place with htmx, on its page without."""

from __future__ import annotations

import pytest
from django.test import Client

from aimaq.plans.models import Goal
from aimaq.plans.tests.world import good_plan, plan_world

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_ACCEPT_LANGUAGE": "kk"}


@pytest.fixture
def draft():
    world = plan_world()
    plan = good_plan(world)
    client = Client()
    client.force_login(world["editor"])
    return plan, client, f"/plans/{plan.pk}/v1/", world


def test_a_section_page_links_to_each_add_form_and_builds_none(draft):
    plan, client, base, _world = draft
    page = client.get(f"{base}edit/directions/").content.decode()
    for kind in ("goal", "outcome", "output", "indicator", "action"):
        assert (
            f'<div class="add-slot" id="add-{kind}"><a class="add-link" href="{base}add/{kind}/"'
            in page
        )
    assert 'name="name_kk"' not in page  # no add form rendered with the page
    assert "Connected villages" in page or "Байланысы бар ауылдар" in page


def test_an_add_form_opens_on_its_own_page_without_javascript(draft):
    plan, client, base, _world = draft
    response = client.get(f"{base}add/goal/", HTTP_ACCEPT_LANGUAGE="kk")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" in page and "<h1>" in page
    assert f'action="{base}add/goal/"' in page
    assert "hx-post" not in page  # a plain form on its own page
    assert f'href="{base}edit/directions/#block-goals"' in page  # the way back


def test_with_htmx_the_add_form_comes_alone_to_open_in_place(draft):
    plan, client, base, _world = draft
    response = client.get(f"{base}add/indicator/", **HTMX)
    page = response.content.decode()
    assert "<html" not in page
    assert page.startswith('<div class="add-slot" id="add-indicator">')
    assert f'hx-post="{base}add/indicator/"' in page
    assert 'hx-target="#block-indicators"' in page
    assert 'id="indicator-name_kk"' in page and "autofocus" in page


def test_invalid_input_comes_back_in_place_with_htmx_and_on_the_page_without(draft):
    plan, client, base, _world = draft
    empty = {"code": "9", "focus_area": "general"}
    inline = client.post(f"{base}add/goal/", empty, **HTMX)
    assert inline.status_code == 200
    assert inline["HX-Retarget"] == "#add-goal" and inline["HX-Reselect"] == "#add-goal"
    assert 'role="alert"' in inline.content.decode()
    whole = client.post(f"{base}add/goal/", empty, HTTP_ACCEPT_LANGUAGE="kk")
    assert whole.status_code == 200 and "<h1>" in whole.content.decode()
    assert 'role="alert"' in whole.content.decode()
    assert Goal.objects.filter(version__plan=plan).count() == 1  # nothing written


def test_a_valid_add_goes_back_to_the_section_at_the_new_element(draft):
    plan, client, base, _world = draft
    response = client.post(
        f"{base}add/goal/", {"code": "2", "focus_area": "general", "name_kk": "Жолдар жөнделген"}
    )
    goal = Goal.objects.get(version__plan=plan, code="2")
    assert response.status_code == 302
    assert response["Location"] == f"{base}edit/directions/#goal-{goal.uid}"


def test_an_editor_of_another_rayon_cannot_open_an_add_form(draft):
    _plan, _client, base, world = draft
    stranger = Client()
    stranger.force_login(world["other_editor"])
    assert stranger.get(f"{base}add/goal/").status_code in (403, 404)
