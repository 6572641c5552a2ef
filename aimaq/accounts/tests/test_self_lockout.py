"""An administrator cannot lock herself or a territory out: giving up her own administrator
role asks for confirmation, and a territory's last administrator is never removed — on the
grants page and in the admin."""

import pytest
from django.urls import reverse

from aimaq.accounts.models import Role, RoleGrant
from aimaq.accounts.tests.test_admin_grants import (
    change_page_data,
    organisation_in,
    staff_with_role,
)
from aimaq.testing.people import UserFactory, user_with_role


def revoke_url(kato, grant):
    return reverse("accounts:revoke", args=[kato, grant.pk])


@pytest.fixture
def two_oblast_admins(tree):
    return (
        user_with_role(Role.ADMIN, tree["karaganda"], username="aigerim"),
        user_with_role(Role.ADMIN, tree["karaganda"], username="serik"),
    )


def test_giving_up_ones_own_admin_role_asks_first(client, two_oblast_admins):
    aigerim, _serik = two_oblast_admins
    grant = aigerim.role_grants.get()
    client.force_login(aigerim)

    response = client.post(revoke_url("350000000", grant))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Give up your administrator role?" in html
    assert 'name="confirmed" value="yes"' in html
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_confirmed_she_loses_the_role_and_lands_on_her_roles(client, two_oblast_admins):
    aigerim, _serik = two_oblast_admins
    grant = aigerim.role_grants.get()
    client.force_login(aigerim)

    response = client.post(revoke_url("350000000", grant), {"confirmed": "yes"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:me")
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert client.get(reverse("accounts:grants", args=["350000000"])).status_code == 403


def test_revoking_someone_elses_grant_needs_no_confirmation(client, two_oblast_admins):
    aigerim, serik = two_oblast_admins
    grant = serik.role_grants.get()
    client.force_login(aigerim)

    response = client.post(revoke_url("350000000", grant))

    assert response.status_code == 302
    assert response.url == reverse("accounts:grants", args=["350000000"])
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_the_last_administrator_stays_and_the_page_says_why(client, tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    grant = admin.role_grants.get()
    client.force_login(admin)

    response = client.post(revoke_url("350000000", grant), {"confirmed": "yes"}, follow=True)

    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    assert "is the last administrator of Karaganda" in response.content.decode()


def test_the_admin_offers_no_delete_for_the_last_administrator(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["country"])
    lone = user_with_role(Role.ADMIN, tree["nura"]).role_grants.get()
    RoleGrant.objects.filter(user=admin).delete()  # the country admin steps aside
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    change = client.get(reverse("admin:accounts_rolegrant_change", args=[lone.pk]))
    delete = client.post(
        reverse("admin:accounts_rolegrant_delete", args=[lone.pk]), {"post": "yes"}
    )

    assert reverse("admin:accounts_rolegrant_delete", args=[lone.pk]) not in change.content.decode()
    assert delete.status_code == 403
    assert RoleGrant.objects.filter(pk=lone.pk).exists()


def test_the_admin_inline_refuses_to_remove_the_last_administrator(client, tree):
    colleague = UserFactory(organisation=organisation_in(tree["nura"]))
    lone = RoleGrant.objects.create(user=colleague, role=Role.ADMIN, territory=tree["nura"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:accounts_user_change", args=[colleague.pk])

    data = change_page_data(client.get(url))
    response = client.post(url, {**data, "role_grants-0-DELETE": "on"})

    assert response.status_code == 200
    assert "last administrator" in response.content.decode()
    assert RoleGrant.objects.filter(pk=lone.pk).exists()


def test_the_admin_inline_refuses_to_demote_the_last_administrator(client, tree):
    colleague = UserFactory(organisation=organisation_in(tree["nura"]))
    lone = RoleGrant.objects.create(user=colleague, role=Role.ADMIN, territory=tree["nura"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:accounts_user_change", args=[colleague.pk])

    data = change_page_data(client.get(url))
    response = client.post(url, {**data, "role_grants-0-role": Role.EDITOR})

    assert response.status_code == 200
    lone.refresh_from_db()
    assert lone.role == Role.ADMIN


def test_the_last_administrator_cannot_be_deleted_as_a_person(client, tree):
    colleague = UserFactory(organisation=organisation_in(tree["nura"]))
    RoleGrant.objects.create(user=colleague, role=Role.ADMIN, territory=tree["nura"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:accounts_user_delete", args=[colleague.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert colleague.role_grants.exists()
