"""An okrug's plan from a blank page to a scorecard and its PDF, in Kazakh, in Debian's
headless Chromium: the akimat's editor writes a small plan, fixes what the quality check
shows, takes it through consultation and agreement; the maslikhat's secretary approves it;
the editor reports a quarter and the rayon's manager publishes the report; the scorecard
shows the verdict with its rule, and the plan's PDF reads back in Kazakh."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from aimaq.core.documents.readback import pdf_pages
from aimaq.plans.models import Plan, VersionStatus
from aimaq.plans.tests.world import plan_world
from aimaq.testing.people import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TITLE = "Жараспай ауылдық округінің 2018–2020 жылдарға арналған инклюзивті даму жоспары"


def sign_in(page: Page, base: str, person, then: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "kk", "url": base}])
    page.goto(f"{base}/accounts/login/?next={then}")
    page.locator("input[name=username]").fill(person.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"**{then}")


def test_a_plan_is_written_checked_approved_reported_and_scored_in_kazakh(
    page: Page, live_server, immediate_tasks
):
    world = plan_world()
    base = live_server.url
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)

    # The editor writes a small plan: its passport, a goal, an outcome and an indicator.
    sign_in(page, base, world["editor"], "/plans/new/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.locator("#id_kind").select_option("rural_inclusive")
    page.locator("#id_territory").select_option(str(world["zharaspai"].pk))
    page.locator("#id_owner").select_option(str(world["zharaspai_akimat"].pk))
    page.locator("#id_name_kk").fill(TITLE)
    page.locator("#id_start_year").fill("2018")
    page.locator("#id_end_year").fill("2020")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/edit/passport/")
    plan = Plan.objects.get(name_kk=TITLE)
    version_url = f"/plans/{plan.pk}/v1/"

    # Each add form opens in place from its link (fetched when asked for).
    page.goto(f"{base}{version_url}edit/directions/")
    page.locator("#add-goal a.add-link").click()
    expect(page.locator("#goal-name_kk")).to_be_focused()
    page.locator("#goal-name_kk").fill("Ауылдар ұялы байланыспен қамтылған")
    page.locator("#add-goal form.add-form button[type=submit]").click()
    expect(page.locator("#block-goals .chain")).to_contain_text("Ауылдар ұялы байланыспен")
    page.locator("#add-outcome a.add-link").click()
    page.locator("#outcome-goal").select_option(index=1)
    page.locator("#outcome-name_kk").fill("Тұрғындар ұялы байланысқа қол жеткізді")
    page.locator("#add-outcome form.add-form button[type=submit]").click()
    expect(page.locator("#block-goals .chain")).to_contain_text("Тұрғындар ұялы байланысқа")
    page.locator("#add-indicator a.add-link").click()
    page.locator("#add-indicator form.add-form button[type=submit]").click()  # no name yet
    expect(page.locator("#add-indicator [role=alert]").first).to_be_visible()
    page.locator("#indicator-measures").select_option(index=1)
    page.locator("#indicator-name_kk").fill("Ұялы байланысы бар адамдар")
    page.locator("#indicator-unit_kk").fill("адам")
    page.locator("#add-indicator form.add-form button[type=submit]").click()
    expect(page.locator("#block-indicators table")).to_contain_text("Ұялы байланысы бар адамдар")

    # The quality check shows what is missing (no baseline, no target) and links to it.
    page.goto(f"{base}{version_url}quality/")
    expect(page.locator("#quality-result")).not_to_contain_text("Сапа тексерісінен өтті")
    assert page.locator(".finding").count() >= 1
    page.locator(".finding a", has_text="Түзету").first.click()
    page.wait_for_url("**/edit/directions/**")
    page.locator("#block-indicators a[href*='/element/indicator/']").first.click()
    page.locator("#id_baseline_value").fill("0")
    page.locator("#id_baseline_year").fill("2017")
    page.locator("#id_target_value").fill("1213")
    page.locator("#id_rule").select_option("cumulative")
    page.locator("form:has(input[name=part][value=element]) button[type=submit]").click()
    page.locator("form[action$='/split/'] button[type=submit]").click()
    page.goto(f"{base}{version_url}quality/")
    expect(page.locator("#quality-result")).to_have_text(
        "Сапа тексерісінен өтті: нұсқаны бекітуге болады."
    )

    # Consultation, then the agreement with the community.
    page.goto(f"{base}{version_url}workflow/")
    page.locator("form:has(input[name=to][value=consultation]) button").click()
    page.locator("#id_agreed_on").fill("2018-01-20")
    page.locator("form:has(input[name=to][value=agreed]) button[type=submit]").click()
    expect(page.locator("[aria-current=step]")).to_have_count(1)

    # Only the maslikhat's secretary approves.
    sign_in(page, base, world["approver"], f"{version_url}workflow/")
    page.locator("#id_body").select_option(str(world["maslikhat"].pk))
    page.locator("#id_decision_number").fill("12/3")
    page.locator("#id_decision_date").fill("2018-02-01")
    page.locator("form:has(input[name=to][value=approved]) button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("12/3")
    assert plan.versions.get().status in (VersionStatus.APPROVED, VersionStatus.IN_IMPLEMENTATION)

    # The editor reports the fourth quarter of 2018; the rayon's manager publishes it.
    sign_in(page, base, world["editor"], f"/plans/{plan.pk}/reports/")
    page.locator("#id_period").select_option("2018-Q4")
    page.locator("form[action$='/reports/new/'] button[type=submit]").click()
    page.wait_for_url("**/reports/*/")
    report_url = urlparse(page.url).path
    page.locator("#report-form input[name^=v_]").first.fill("560")
    page.locator("#report-form button[type=submit]").click()
    page.locator("form:has(input[name=step][value=submit]) button").click()
    sign_in(page, base, world["manager"], report_url)
    page.locator("button[name=step][value=publish]").click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "published")

    # The scorecard: a verdict, the rule beside it, the headline in Kazakh.
    page.goto(f"{base}/plans/{plan.pk}/scorecard/")
    expect(page.locator("#headline")).to_have_text("1 көрсеткіштің 1-і жоспар бойынша")
    expect(page.locator("#rule")).to_be_visible()
    expect(page.locator("#scorecard-table")).to_contain_text("560")

    # The plan's PDF, in Kazakh, with its indicator table.
    page.goto(f"{base}/plans/{plan.pk}/")
    link = page.locator("a[lang=kk][href*='document.pdf']")
    response = page.request.get(base + (link.get_attribute("href") or ""))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    text = " ".join(pdf_pages(response.body()))
    assert "Ұялы байланысы бар адамдар" in text
    assert "1 213" in text or "1213" in text
    assert outside == []
