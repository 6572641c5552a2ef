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
    assert url in client.get(f"/grants/{competition.pk}/").content.decode()  # from the call
    make_application(competition, tree["nura"])
    page = client.get(url).content.decode()
    assert 'name="fund"' not in page and 'name="summary_ru"' in page


def test_publishing_the_call_in_the_back_office_is_logged(client, tree, official):
    from aimaq.core.activity.models import ActionLogEntry
    from aimaq.grants.models import Competition

    client.force_login(official)
    data = {
        "name_kk": "Байқау", "name_ru": "Конкурс", "name_en": "Call <&>",
        "territory": tree["karaganda"].pk, "fund": "12000000", "min_budget": "500000",
        "max_budget": "1200000", "own_share_min": "10", "own_share_max": "20",
        "applicant_types": ["ie", "small_business"], "eligible_territories": [tree["nura"].pk],
        "applications_per_applicant": "1", "min_total": "50", "remainder_rule": "skip",
        "reduced_floor": "80", "outlier_share": "30", "quorum": "5", "max_group_share": "49",
        "announced_on": "2026-01-10", "opens_at_0": "2026-01-15", "opens_at_1": "09:00",
        "closes_at_0": "2026-02-15", "closes_at_1": "18:00", "is_published": "on",
    }  # fmt: skip
    for prefix in ("priority_groups", "quotas", "members"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post("/admin/grants/competition/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    competition = Competition.objects.get(name_en="Call <&>")
    assert competition.applicant_types == ["ie", "small_business"]
    entry = ActionLogEntry.objects.get(event="grants.call_published")
    assert (entry.object_id, entry.actor) == (str(competition.pk), official)


def staff_with_role(role: str, territory):
    person = user_with_role(role, territory, is_staff=True)
    person.groups.add(Group.objects.get(name=OFFICIALS))
    return person


def test_an_editor_is_not_offered_the_back_office_page_that_refuses_them(client, tree):
    client.force_login(staff_with_role(Role.EDITOR, tree["nura"]))
    assert client.get("/admin/grants/competition/add/").status_code == 403
    listing = client.get("/grants/").content.decode()
    assert "/admin/grants/competition/add/" not in listing


def test_no_link_of_the_new_call_page_refuses_a_rural_akim(client, tree):
    import re
    from urllib.parse import urljoin

    from aimaq.accounts.models import Organisation, OrganisationKind
    from aimaq.testing.people import UserFactory

    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["zharaspai"], name_en="Akimat"
    )
    neighbour = UserFactory(organisation=akimat, first_name="Айгерим", last_name="Сейтова")
    stranger = UserFactory(first_name="Пётр", last_name="Иванов")
    akim = staff_with_role(Role.MANAGER, tree["zharaspai"])
    client.force_login(akim)
    url = "/admin/grants/competition/add/"
    page = client.get(url).content.decode()
    links = {
        urljoin(url, href.replace("&amp;", "&"))
        for href in re.findall(r'href="(/admin/[^"#]*)"', page)
        if "/logout/" not in href
    }
    assert links
    refused = {link: code for link in links if (code := client.get(link).status_code) >= 400}
    assert not refused
    assert "/admin/accounts/user/" not in page
    assert str(neighbour) in page and str(stranger) not in page
