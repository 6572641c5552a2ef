"""A plan covers years from 2000 to 2100, and an indicator's baseline year lies between 1990
and 2100: a year outside is refused at its field, in the reader's language, nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from aimaq.plans.models import Plan, PlanIndicator
from aimaq.plans.services import create_plan
from aimaq.plans.tests.world import good_plan, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


def new_plan(world, start_year, end_year) -> dict:
    return {
        "kind": "rural_inclusive",
        "owner": world["zharaspai_akimat"].pk,
        "territory": world["zharaspai"].pk,
        "name_en": "Zharaspai plan",
        "start_year": start_year,
        "end_year": end_year,
    }


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Write a year between 2000 and 2100."),
        ("ru", "Укажите год от 2000 до 2100."),
        ("kk", "2000 және 2100 аралығындағы жылды жазыңыз."),
    ],
)
def test_a_plan_of_the_year_ten_billion_is_refused_at_both_years(client, world, language, message):
    client.force_login(world["editor"])
    page = client.post(
        "/plans/new/", new_plan(world, 10**10, 10**10 + 1), HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors["start_year"] == [message] and form.errors["end_year"] == [message]
    assert message in page.content.decode()
    assert not Plan.objects.exists()


def test_the_year_fields_say_their_range_to_the_browser(client, world):
    client.force_login(world["editor"])
    page = client.get("/plans/new/").content.decode()
    assert 'name="start_year" min="2000" max="2100"' in page


@pytest.mark.parametrize(("start", "end", "created"), [(1999, 2001, False), (2090, 2100, True)])
def test_the_years_from_2000_to_2100_make_a_plan(client, world, start, end, created):
    client.force_login(world["editor"])
    client.post("/plans/new/", new_plan(world, start, end))
    assert Plan.objects.filter(start_year=start).exists() is created


def test_the_service_refuses_a_year_outside_the_range_too(world):
    with pytest.raises(ValidationError) as refused:
        create_plan(
            territory=world["zharaspai"],
            owner=world["zharaspai_akimat"],
            kind="rural_inclusive",
            title="Far future",
            start_year=30000,
            end_year=30001,
            by=world["editor"],
        )
    assert set(refused.value.message_dict) == {"start_year", "end_year"}


def test_an_indicator_baseline_year_outside_1990_to_2100_is_refused_at_its_field(client, world):
    plan = good_plan(world)
    client.force_login(world["editor"])
    page = client.post(
        f"/plans/{plan.pk}/v1/add/indicator/",
        {
            "name_en": "Roads repaired",
            "unit_kind": "number",
            "direction": "increase",
            "baseline_year": str(10**10),
            "frequency": "annual",
            "rule": "latest",
            "tolerance": "15",
            "decimals": "0",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert page.status_code == 200
    assert page.context["form"].errors["baseline_year"] == ["Укажите год от 1990 до 2100."]
    assert not PlanIndicator.objects.filter(name_en="Roads repaired").exists()
