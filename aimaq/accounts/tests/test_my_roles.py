from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant
from aimaq.testing.people import UserFactory, user_with_role


def test_my_roles_needs_sign_in(client, db):
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_my_roles_shows_organisation_grants_links_and_what_they_allow(client, tree):
    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_en="Akimat of Nura rayon"
    )
    person = user_with_role(Role.EDITOR, tree["nura"], organisation=akimat)
    client.cookies["django_language"] = "en"
    client.force_login(person)

    response = client.get(reverse("accounts:me"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Akimat of Nura rayon" in html
    assert "editor" in html
    assert 'href="/territories/355200000/"' in html
    assert "edit territories" in html and "import and change figures" in html
    assert "grant roles" not in html


def test_my_roles_marks_expired_grants(client, tree):
    person = UserFactory()
    RoleGrant.objects.create(
        user=person,
        role=Role.VIEWER,
        territory=tree["glubokoe"],
        expires_on=timezone.localdate() - timedelta(days=3),
    )
    client.cookies["django_language"] = "en"
    client.force_login(person)
    html = client.get(reverse("accounts:me")).content.decode()
    assert "expired on" in html


def test_my_roles_links_to_role_management_for_admins(client, tree):
    person = user_with_role(Role.ADMIN, tree["karaganda"])
    client.force_login(person)
    html = client.get(reverse("accounts:me")).content.decode()
    assert reverse("accounts:grants", args=["350000000"]) in html


def test_my_roles_page_speaks_kazakh(client, tree):
    person = user_with_role(Role.EDITOR, tree["nura"], preferred_language="kk")
    client.cookies["django_language"] = "kk"
    client.force_login(person)
    html = client.get(reverse("accounts:me")).content.decode()
    assert "Менің рөлдерім" in html
    assert "аумақтарды өңдеу" in html
