from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aimaq.accounts.models import Role, RoleGrant
from aimaq.testing.people import UserFactory, user_with_role


@pytest.fixture
def oblast_admin(tree):
    return user_with_role(Role.ADMIN, tree["karaganda"], username="oblast.admin")


def grant_form(person, role=Role.EDITOR, kato="355200000", **extra):
    return {"username": person.username, "role": role, "kato": kato, **extra}


def test_admin_sees_grants_in_the_subtree_only(client, tree, oblast_admin):
    nura_editor = user_with_role(Role.EDITOR, tree["nura"], username="nura.ed")
    user_with_role(Role.EDITOR, tree["glubokoe"], username="glubokoe.ed")
    client.force_login(oblast_admin)

    response = client.get(reverse("accounts:grants", args=["350000000"]))

    assert response.status_code == 200
    holders = {card.grant.user for card in response.context["grant_cards"]}
    assert holders == {oblast_admin, nura_editor}


def test_admin_grants_a_role_inside_scope_with_history(client, tree, oblast_admin):
    newcomer = UserFactory()
    client.force_login(oblast_admin)

    response = client.post(reverse("accounts:grants", args=["350000000"]), grant_form(newcomer))

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=newcomer)
    assert (grant.role, grant.territory, grant.granted_by) == (
        Role.EDITOR,
        tree["nura"],
        oblast_admin,
    )
    assert grant.history.get().history_user == oblast_admin


def test_grant_outside_scope_is_refused_and_nothing_written(client, tree, oblast_admin):
    newcomer = UserFactory()
    client.cookies["django_language"] = "en"
    client.force_login(oblast_admin)

    response = client.post(
        reverse("accounts:grants", args=["350000000"]), grant_form(newcomer, kato="634000000")
    )

    assert response.status_code == 403
    assert "outside the territories you administer" in response.content.decode()
    assert not RoleGrant.objects.filter(user=newcomer).exists()
    assert not RoleGrant.history.filter(user=newcomer).exists()


def test_page_of_a_territory_outside_scope_is_refused(client, tree, oblast_admin):
    client.force_login(oblast_admin)
    assert client.get(reverse("accounts:grants", args=["634000000"])).status_code == 403
    response = client.post(
        reverse("accounts:grants", args=["634000000"]),
        grant_form(UserFactory(), kato="634000000"),
    )
    assert response.status_code == 403
    assert RoleGrant.objects.count() == 1


def test_editor_cannot_manage_roles(client, tree):
    editor = user_with_role(Role.EDITOR, tree["nura"])
    client.force_login(editor)
    response = client.post(
        reverse("accounts:grants", args=["355200000"]), grant_form(UserFactory())
    )
    assert response.status_code == 403
    assert RoleGrant.objects.count() == 1


def test_double_submit_creates_one_grant(client, tree, oblast_admin):
    newcomer = UserFactory()
    client.force_login(oblast_admin)
    url = reverse("accounts:grants", args=["350000000"])

    first = client.post(url, grant_form(newcomer))
    second = client.post(url, grant_form(newcomer))

    assert first.status_code == second.status_code == 302
    assert RoleGrant.objects.filter(user=newcomer).count() == 1


def test_unknown_person_or_territory_is_a_form_error(client, tree, oblast_admin):
    client.cookies["django_language"] = "en"
    client.force_login(oblast_admin)
    url = reverse("accounts:grants", args=["350000000"])

    response = client.post(url, {"username": "nobody", "role": "editor", "kato": "359999000"})

    assert response.status_code == 400
    assert "No person has the username" in response.content.decode()
    assert "No current territory has the KATO code 359999000" in response.content.decode()
    assert RoleGrant.objects.count() == 1


def test_admin_revokes_a_grant_in_scope(client, tree, oblast_admin):
    nura_editor = user_with_role(Role.EDITOR, tree["nura"])
    grant = nura_editor.role_grants.get()
    client.force_login(oblast_admin)

    response = client.post(reverse("accounts:revoke", args=["350000000", grant.pk]))

    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    deletion = RoleGrant.history.filter(id=grant.pk, history_type="-").get()
    assert deletion.history_user == oblast_admin


def test_revoking_outside_scope_is_refused(client, tree, oblast_admin):
    glubokoe_editor = user_with_role(Role.EDITOR, tree["glubokoe"])
    grant = glubokoe_editor.role_grants.get()
    client.force_login(oblast_admin)

    response = client.post(reverse("accounts:revoke", args=["350000000", grant.pk]))

    assert response.status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_revoking_by_get_is_refused(client, tree, oblast_admin):
    grant = oblast_admin.role_grants.get()
    client.force_login(oblast_admin)
    response = client.get(reverse("accounts:revoke", args=["350000000", grant.pk]))
    assert response.status_code == 405


def test_admin_cannot_make_their_own_expiring_grant_permanent(client, tree):
    ends = timezone.localdate() + timedelta(days=30)
    admin = UserFactory(username="expiring.admin")
    RoleGrant.objects.create(
        user=admin, role=Role.ADMIN, territory=tree["karaganda"], expires_on=ends
    )
    client.cookies["django_language"] = "en"
    client.force_login(admin)

    response = client.post(
        reverse("accounts:grants", args=["350000000"]),
        grant_form(admin, role=Role.ADMIN, kato="350000000"),
    )

    assert response.status_code == 403
    assert "yourself" in response.context["form"].errors["username"][0]
    assert RoleGrant.objects.get(user=admin).expires_on == ends


def test_grant_outliving_the_grantors_own_right_is_a_form_error(client, tree):
    ends = timezone.localdate() + timedelta(days=30)
    admin = UserFactory()
    RoleGrant.objects.create(
        user=admin, role=Role.ADMIN, territory=tree["karaganda"], expires_on=ends
    )
    newcomer = UserFactory()
    client.cookies["django_language"] = "en"
    client.force_login(admin)

    response = client.post(reverse("accounts:grants", args=["350000000"]), grant_form(newcomer))

    assert response.status_code == 403
    assert "ends on" in response.context["form"].errors["expires_on"][0]
    assert not RoleGrant.objects.filter(user=newcomer).exists()


def test_expiry_in_the_past_is_a_form_error(client, tree, oblast_admin):
    newcomer = UserFactory()
    client.cookies["django_language"] = "en"
    client.force_login(oblast_admin)
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client.post(
        reverse("accounts:grants", args=["350000000"]),
        grant_form(newcomer, expires_on=yesterday.isoformat()),
    )

    assert response.status_code == 400
    assert "in the past" in response.context["form"].errors["expires_on"][0]
    assert not RoleGrant.objects.filter(user=newcomer).exists()
