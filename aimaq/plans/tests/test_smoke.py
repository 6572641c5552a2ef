import pytest

from aimaq.plans.quality import check_quality
from aimaq.plans.tests.world import approved_plan, good_plan, plan_world


@pytest.mark.django_db
def test_smoke(client):
    world = plan_world()
    plan = good_plan(world)
    report = check_quality(plan.versions.get())
    assert report.passed, report.findings
    plan = approved_plan(world)
    for url in [
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/scorecard/",
        f"/plans/{plan.pk}/reports/",
        "/plans/",
        f"/plans/{plan.pk}/document.pdf",
        f"/plans/{plan.pk}/export/chain.xlsx",
        f"/api/plans/{plan.pk}",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
    client.force_login(world["editor"])
    for url in [
        f"/plans/{plan.pk}/v1/workflow/",
        f"/plans/{plan.pk}/v1/quality/",
        "/plans/mine/",
        "/plans/new/",
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.content[:3000])
