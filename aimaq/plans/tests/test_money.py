"""Money is whole tenge: integers in, integers summed in the database, integers out — never
a float anywhere, even for amounts a float cannot hold."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.plans.api import plan_data
from aimaq.plans.budget import budget_table
from aimaq.plans.services import add_action, check_amount, set_costs
from aimaq.plans.tests.world import good_plan, plan_world
from aimaq.testing.properties import examples

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return plan_world()


@pytest.mark.parametrize("amount", [1.5, 1000.0, Decimal("0.5"), -1, "100", True])
def test_an_amount_that_is_not_whole_non_negative_tenge_is_refused(amount):
    with pytest.raises(ValidationError):
        check_amount(amount)


def test_whole_decimals_and_ints_are_tenge():
    assert check_amount(Decimal("1500000")) == 1_500_000
    assert check_amount(0) == 0


def test_totals_beyond_float_precision_stay_exact(world):
    plan = good_plan(world)
    version = plan.versions.get()
    big = 2**53 + 1  # the first integer a float cannot hold
    okrug, private = world["sources"]["okrug-budget"], world["sources"]["private"]
    action = version.actions.get()
    set_costs(
        action, {(2018, okrug): big, (2018, private): 1, (2019, private): big}, by=world["editor"]
    )
    table = budget_table(version)
    assert table.total == 2 * big + 1
    assert table.year_total(2018) == big + 1
    assert all(type(amount) is int for amount in table.planned.values())
    data = plan_data(version)
    assert data["total_tenge"] == 2 * big + 1
    assert {cost["amount"] for cost in data["actions"][0]["costs"]} == {big, 1}


def test_the_cost_form_refuses_kopecks_and_negative_amounts(client, world):
    plan = good_plan(world)
    action = plan.versions.get().actions.get()
    okrug = world["sources"]["okrug-budget"]
    client.force_login(world["editor"])
    url = f"/plans/{plan.pk}/v1/element/action/{action.uid}/"
    page = client.post(url, {"part": "extra", f"y2018_s{okrug.pk}": "1500000,50"})
    assert page.status_code == 200 and "A whole number of tenge" in page.content.decode()
    page = client.post(url, {"part": "extra", f"y2018_s{okrug.pk}": "-5"})
    assert "cannot be negative" in page.content.decode()
    assert action.costs.get().amount == 1_500_000


amounts = st.lists(st.integers(min_value=0, max_value=10**15), min_size=1, max_size=6)


@settings(
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(first=amounts, second=amounts)
def test_the_budget_table_is_the_exact_sum_of_the_lines(world, first, second):
    plan = good_plan(world, title="Budget")
    version = plan.versions.get()
    sources = list(world["sources"].values())
    by = world["editor"]
    lines = []
    for values in (first, second):
        costs = {
            (2018 + n % 3, sources[n % len(sources)]): amount for n, amount in enumerate(values)
        }
        add_action(
            version,
            name="Costed",
            starts_on=date(2018, 1, 1),
            ends_on=date(2020, 12, 31),
            costs=costs,
            by=by,
        )
        lines += [amount for amount in costs.values() if amount]
    table = budget_table(version)
    assert table.total == sum(lines) + 1_500_000  # and the good plan's own action
    assert sum(table.year_total(year) for year in table.years) == table.total
    assert sum(table.source_total(source) for source in table.sources) == table.total
