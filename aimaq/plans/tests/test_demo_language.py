"""The plans demo reads in the reader's language: its evaluation, reports and approvals show
no English sentence on Kazakh and Russian pages (names in three languages where the models
keep three; documents of one language written in Russian)."""

import re

import pytest
from django.db import transaction

from aimaq.accounts.models import User
from aimaq.plans.models import Evaluation, MonitoringReport, Plan

pytestmark = pytest.mark.slow

# Three Latin words in a row: an English phrase. A brand (Beeline) or a person's name
# stands alone; proper names in quotes (the EU project's) are left out.
ENGLISH = re.compile(r"[A-Za-z]+(?:[ ,'()-]+[A-Za-z]+){2,}")
QUOTED = re.compile(r"“[^”]*”")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from aimaq.accounts.demo import load_demo_people
    from aimaq.plans.demo import load_demo_plans
    from aimaq.territories.demo import load_demo_territories

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_territories()
        load_demo_people()
        load_demo_plans()
        yield
        transaction.set_rollback(True)


def english_on(client, url: str, language: str) -> list[str]:
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    text = QUOTED.sub(" ", re.sub(r"<[^>]+>", " ", main))
    return ENGLISH.findall(text)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_demo_plans_pages_show_no_english(demo, client, db, language):
    client.force_login(User.objects.get(username="nura.editor"))
    evaluation = Evaluation.objects.get()
    urls = [f"/plans/{evaluation.plan_id}/evaluations/{evaluation.pk}/"]
    urls += [f"/plans/{r.plan_id}/reports/{r.pk}/" for r in MonitoringReport.objects.all()]
    urls += [f"/plans/{plan.pk}/" for plan in Plan.objects.all()]
    found = {url: words for url in urls if (words := english_on(client, url, language))}
    assert not found
