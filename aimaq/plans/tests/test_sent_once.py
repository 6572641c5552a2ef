"""A double click on "create the plan" or on "add" makes one plan or one element, and both
clicks lead to it."""

import pytest

from aimaq.plans.models import Plan, SwotItem
from aimaq.testing.forms import sent_twice

from .world import good_plan, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def test_a_double_click_on_create_makes_one_plan(client, world):
    client.force_login(world["editor"])
    data = {
        "kind": "rural_inclusive",
        "territory": world["zharaspai"].pk,
        "owner": world["zharaspai_akimat"].pk,
        "name_kk": "Жоспар",
        "name_ru": "План",
        "name_en": "Plan",
        "start_year": 2020,
        "end_year": 2022,
    }

    first, second = sent_twice(client, "/plans/new/", data)

    made = Plan.objects.get()
    assert first.url == second.url and first.url.startswith(f"/plans/{made.pk}/")


def test_a_double_click_on_add_makes_one_element(client, world):
    plan = good_plan(world)
    client.force_login(world["editor"])
    before = SwotItem.objects.filter(version__plan=plan).count()
    data = {
        "quadrant": "S",
        "focus_area": "general",
        "text_ru": "Сильная сторона",
        "text_kk": "Күшті",
        "text_en": "Strength",
    }

    first, second = sent_twice(client, f"/plans/{plan.pk}/v1/add/swot/", data)

    assert SwotItem.objects.filter(version__plan=plan).count() == before + 1
    assert first.status_code == second.status_code == 302 and first.url == second.url
