"""A competition from application to published results, in the browser: an entrepreneur
applies, is told plainly why the own contribution fails the call's rule, fixes the budget
and submits; a member declares a conflict of interest on one application (which then
disappears for them) and scores the others; the chair drafts the decision, sees the lawful
composition and signs; the officer publishes, and the results appear on the portal without
personal data."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from aimaq.grants.demo import demo_iin
from aimaq.grants.models import Application, Status
from aimaq.grants.tests.world import make_application, make_committee, make_competition, score_all
from aimaq.testing.people import PASSWORD, UserFactory
from aimaq.testing.territories import small_tree

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def fill_budget_line(page: Page, requested: int, own: int) -> None:
    page.fill("#id_budget-0-item", "Bread oven and dough mixer")
    page.fill("#id_budget-0-quantity", "1")
    page.fill("#id_budget-0-unit_cost", str(requested + own))
    page.fill("#id_budget-0-requested", str(requested))
    page.fill("#id_budget-0-own", str(own))
    page.get_by_role("button", name="Save the budget").click()


def test_apply_fix_score_sign_and_publish(page: Page, live_server):
    url = live_server.url
    # Generous waits: the journey renders and signs a protocol, and shares a busy machine.
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(120_000)
    tree = small_tree()
    competition = make_competition(tree, fund=2_000_000, min_total=0)
    seats = make_committee(competition)  # six voting members, two per interest group
    nura = make_application(competition, tree["nura"], requested=1_000_000, number=1)
    glubokoe = make_application(competition, tree["glubokoe"], requested=900_000, number=2)
    UserFactory.create(username="baker")

    # The entrepreneur applies; 250,000 of 1,000,000 is 25 %, outside the call's 10–20 %.
    sign_in(page, url, "baker")
    page.goto(f"{url}/grants/{competition.pk}/")
    page.get_by_role("link", name="Apply", exact=True).click()
    page.select_option("#id_applicant_type", "ie")
    page.fill("#id_applicant_name", "Aigerim Sadykova")
    page.fill("#id_business_name", "Zharaspai bakery")
    page.select_option("#id_territory", str(tree["zharaspai"].pk))
    page.select_option("#id_sector", "processing")
    page.fill("#id_description", "A village bakery with two ovens.")
    page.fill("#id_iin", demo_iin(77))
    page.fill("#id_phone", "+77015550101")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("ul.messages")).to_contain_text("Draft saved")
    fill_budget_line(page, requested=750_000, own=250_000)
    expect(page.locator("#precheck")).to_contain_text(
        "Own contribution 25 % — the call allows 10–20 %."
    )
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator("ul.messages")).to_contain_text("Own contribution 25 %")
    fill_budget_line(page, requested=750_000, own=150_000)  # 16.67 %
    expect(page.get_by_role("main")).to_contain_text("meets the automatic checks")
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator("ul.messages")).to_contain_text("The application is submitted.")
    bakery = Application.objects.get(business_name="Zharaspai bakery")
    assert bakery.status == Status.SUBMITTED and bakery.requested == 750_000

    # The other members score in the back office; member m1 works in the browser.
    for application, values in ((bakery, (9, 9, 8)), (nura, (7, 8, 6)), (glubokoe, (6, 6, 6))):
        score_all(
            application,
            seats,
            dict(zip(("novelty", "plan", "jobs"), values, strict=True)),
            skip=("m1",),
        )
    sign_in(page, url, seats["m1"].user.username)
    page.goto(f"{url}/grants/applications/{glubokoe.pk}/")
    page.get_by_role("button", name="Declare a conflict of interest").click()
    expect(page.locator("ul.messages")).to_contain_text("you will neither see nor score it")
    expect(page.get_by_role("main")).not_to_contain_text(glubokoe.business_name)
    assert page.request.get(f"{url}/grants/applications/{glubokoe.pk}/").status == 404
    for application in (bakery, nura):
        page.goto(f"{url}/grants/applications/{application.pk}/score/")
        for field in page.locator("input[name^=score_]").all():
            field.fill("8")
        page.get_by_role("button", name="Submit my scores").click()
        expect(page.locator("ul.messages")).to_contain_text("Scores saved")
        expect(page.get_by_role("main")).to_contain_text("All the members' scores")

    # The chair drafts the decision with everyone present, checks the composition, signs.
    sign_in(page, url, seats["m0"].user.username)
    page.goto(f"{url}/grants/{competition.pk}/decision/")
    for box in page.locator("input[name=present]").all():
        box.check()
    page.fill("#id_meeting_on", date.today().isoformat())
    page.get_by_role("button", name="Draft the decision").click()
    expect(page.get_by_role("main")).to_contain_text("Every decision has a quorum")
    page.get_by_role("button", name="Sign the decision as chair").click()
    expect(page.locator("ul.messages")).to_contain_text("The decision is signed")

    # The officer publishes; the portal shows the results, without personal data.
    sign_in(page, url, seats["officer"].user.username)
    page.goto(f"{url}/grants/{competition.pk}/manage/")
    page.get_by_role("button", name="Publish the results and notify the applicants").click()
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/grants/{competition.pk}/results/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Zharaspai bakery")
    expect(main).to_contain_text("750,000")
    expect(main).to_contain_text(nura.business_name)
    for personal in (demo_iin(77), "+77015550101", bakery.iin):
        expect(main).not_to_contain_text(personal)
