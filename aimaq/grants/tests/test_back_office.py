"""Officials announce a competition in the back office, within the territories where they
run competitions; once applications are in, the call's rules no longer change there."""

import pytest
from django.contrib.auth.models import Group

from aimaq.accounts.groups import OFFICIALS
from aimaq.accounts.models import Role
from aimaq.grants.tests.world import make_application, make_competition
from aimaq.testing.people import user_with_role


@pytest.fixture
def official(tree, db):
    person = user_with_role(Role.MANAGER, tree["karaganda"], is_staff=True)
    person.groups.add(Group.objects.get(name=OFFICIALS))
    return person


def test_an_official_lists_only_the_competitions_of_their_territory(client, tree, official):
    make_competition(tree, territory=tree["karaganda"], name_ru="Карагандинский конкурс")
    make_competition(tree, territory=tree["east"], name_ru="Восточный конкурс")
    client.force_login(official)
    page = client.get("/admin/grants/competition/").content.decode()
    assert "Карагандинский конкурс" in page and "Восточный конкурс" not in page
    adding = client.get("/admin/grants/competition/add/").content.decode()
    assert 'name="applicant_types"' in adding and 'name="members-TOTAL_FORMS"' in adding
    listing = client.get("/grants/").content.decode()
    assert "/admin/grants/competition/add/" in listing


def test_the_rules_are_read_only_once_an_application_is_in(client, tree, official):
    competition = make_competition(tree, territory=tree["karaganda"])
    client.force_login(official)
    url = f"/admin/grants/competition/{competition.pk}/change/"
    assert 'name="fund"' in client.get(url).content.decode()
    make_application(competition, tree["nura"])
    page = client.get(url).content.decode()
    assert 'name="fund"' not in page and 'name="summary_ru"' in page
