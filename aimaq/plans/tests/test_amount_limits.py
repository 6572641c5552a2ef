"""An amount above what a plan line holds (ten quadrillion tenge) is refused at its cell — the
envelopes, an action's costs, a report's spending — in the reader's language, with nothing
written; never an error page."""

import pytest
from django.core.exceptions import ValidationError

from aimaq.plans.models import FundingEnvelope
from aimaq.plans.services.monitoring import start_report
from aimaq.plans.tests.world import approved_plan, good_plan, plan_world

pytestmark = pytest.mark.django_db

TOO_MUCH = str(10**17)


@pytest.fixture
def world():
    return plan_world()


def envelopes(version) -> dict:
    return {
        (row.year, row.source.code): row.amount
        for row in FundingEnvelope.objects.filter(version=version).select_related("source")
    }


@pytest.mark.parametrize(
    ("language", "cell", "expected"),
    [
        ("en", "Rural okrug budget, 2019", "the amount is too large, at most"),
        ("ru", "Бюджет сельского округа, 2019", "сумма слишком велика, не больше"),
        ("kk", "Ауылдық округ бюджеті, 2019", "сома тым үлкен, ең көбі"),
    ],
)
def test_a_too_large_envelope_is_named_at_its_cell_and_no_envelope_is_written(
    client, world, language, cell, expected
):
    plan = good_plan(world)
    version = plan.versions.get()
    okrug = world["sources"]["okrug-budget"]
    before = envelopes(version)
    client.force_login(world["editor"])
    page = client.post(
        f"/plans/{plan.pk}/v1/envelopes/",
        {f"y2018_s{okrug.pk}": "3 000 000", f"y2019_s{okrug.pk}": TOO_MUCH},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{cell}: {expected}" in text
    assert envelopes(version) == before == {(2018, "okrug-budget"): 2_000_000}


def test_a_cell_the_service_refuses_keeps_the_whole_grid_unwritten(client, world, monkeypatch):
    from aimaq.plans.views import editing

    def set_envelope(version, *, year, **kwargs):
        if year == 2020:
            raise ValidationError("Refused by the service.")
        return real(version, year=year, **kwargs)

    real = editing.set_envelope
    monkeypatch.setattr(editing, "set_envelope", set_envelope)
    plan = good_plan(world)
    okrug = world["sources"]["okrug-budget"]
    client.force_login(world["editor"])
    page = client.post(
        f"/plans/{plan.pk}/v1/envelopes/",
        {f"y2018_s{okrug.pk}": "3000000", f"y2020_s{okrug.pk}": "5000000"},
    )
    assert page.status_code == 200
    assert page.context["envelope_form"].errors == {
        f"y2020_s{okrug.pk}": ["Refused by the service."]
    }
    assert envelopes(plan.versions.get()) == {(2018, "okrug-budget"): 2_000_000}


def test_an_envelope_at_the_limit_is_saved(client, world):
    plan = good_plan(world)
    okrug = world["sources"]["okrug-budget"]
    client.force_login(world["editor"])
    page = client.post(f"/plans/{plan.pk}/v1/envelopes/", {f"y2019_s{okrug.pk}": str(10**16)})
    assert page.status_code == 302
    assert envelopes(plan.versions.get())[(2019, "okrug-budget")] == 10**16


def test_a_too_large_cost_is_named_at_its_cell(client, world):
    plan = good_plan(world)
    action = plan.versions.get().actions.get()
    okrug = world["sources"]["okrug-budget"]
    client.force_login(world["editor"])
    page = client.post(
        f"/plans/{plan.pk}/v1/element/action/{action.uid}/",
        {"part": "extra", f"y2020_s{okrug.pk}": TOO_MUCH},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert page.status_code == 200
    assert "Бюджет сельского округа, 2020: сумма слишком велика" in page.content.decode()
    assert list(action.costs.values_list("amount", flat=True)) == [1_500_000]


def test_a_too_large_spending_in_a_report_is_named_at_its_source(client, world):
    plan = approved_plan(world)
    report = start_report(plan, "2018", by=world["editor"])
    okrug = world["sources"]["okrug-budget"]
    client.force_login(world["editor"])
    url = f"/plans/{plan.pk}/reports/{report.pk}/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data[f"m_{okrug.pk}"] = TOO_MUCH
    page = client.post(url, data, HTTP_ACCEPT_LANGUAGE="kk")
    assert page.status_code == 200
    assert "Ауылдық округ бюджеті, жұмсалды, теңге: сома тым үлкен" in page.content.decode()
    assert not report.spending.exists()
