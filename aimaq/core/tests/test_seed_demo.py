from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from aimaq.accounts.models import RoleGrant, User
from aimaq.indicators.models import Indicator, Observation
from aimaq.territories.models import Territory, TerritoryGroup


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--demo-server", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    models = [Territory, TerritoryGroup, User, RoleGrant, Indicator, Observation]
    rows = {m.__name__: sorted(map(str, m._default_manager.values_list())) for m in models}
    rows["history"] = Territory.history.count()
    return rows


@pytest.mark.django_db
def test_demo_loads_in_app_order_prints_the_logins_and_a_second_run_changes_nothing():
    output = seed()  # the demo loads once per test database: it is the slowest setup we have
    assert "nura.editor / aimaq-demo-2026" in output
    loaders = [line.split(":")[0].strip() for line in output.splitlines()[:4]]
    assert loaders == ["territories", "boundaries", "people", "indicators"]
    assert Territory.objects.current().filter(parent__kato="000000000").count() == 20
    assert Observation.objects.filter(territory__kato="355243000", period="2024").exists()

    before = snapshot()
    seed()
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "sqlite", reason="the guard is for server databases")
def test_demo_with_published_passwords_is_refused_on_a_server_database():
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
