"""The admin narrows every list and object to the staff member's subtree."""

import pytest
from django.urls import reverse

from aimaq.accounts.groups import OFFICIALS, ensure_officials_group
from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant
from aimaq.testing.people import UserFactory, user_with_role


def staff_with_role(role, territory, **fields):
    person = user_with_role(role, territory, is_staff=True, **fields)
    person.groups.add(ensure_officials_group())
    return person


@pytest.fixture
def nura_editor(tree):
    return staff_with_role(Role.EDITOR, tree["nura"])


def changelist_katos(client, model="territory"):
    response = client.get(reverse(f"admin:territories_{model}_changelist"))
    assert response.status_code == 200
    return {t.kato for t in response.context["cl"].result_list}


def test_officials_group_exists_after_migrate(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=OFFICIALS)
    assert group.permissions.filter(codename="change_territory").exists()
    assert not group.permissions.filter(codename="change_user").exists()


def test_editor_of_nura_sees_nura_and_its_okrug_only(client, tree, nura_editor):
    client.force_login(nura_editor)
    assert changelist_katos(client) == {"355200000", "355243000"}


def test_editor_of_nura_cannot_open_glubokoe(client, tree, nura_editor):
    client.force_login(nura_editor)
    for view in ("change", "history", "delete"):
        url = reverse(f"admin:territories_territory_{view}", args=[tree["glubokoe"].pk])
        assert client.get(url).status_code in (403, 404), view


def test_editor_of_nura_cannot_change_glubokoe_by_post(client, tree, nura_editor):
    client.force_login(nura_editor)
    glubokoe = tree["glubokoe"]
    url = reverse("admin:territories_territory_change", args=[glubokoe.pk])
    response = client.post(url, {"name_en": "Hijacked", "population": 1})
    assert response.status_code == 403
    glubokoe.refresh_from_db()
    assert glubokoe.name_en == "Glubokoe"


def test_editor_of_nura_changes_nura_but_not_its_place_in_the_tree(client, tree, nura_editor):
    client.force_login(nura_editor)
    nura = tree["nura"]
    url = reverse("admin:territories_territory_change", args=[nura.pk])
    response = client.post(
        url,
        {
            "name_kk": "Нұра ауданы",
            "name_ru": "Нуринский район",
            "name_en": "Nura rayon",
            "population": "25000",
            "population_year": "2021",
            "kato": "634000000",
            "parent": str(tree["east"].pk),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nura.refresh_from_db()
    assert (nura.name_en, nura.population) == ("Nura rayon", 25000)
    assert (nura.kato, nura.parent) == ("355200000", tree["karaganda"])
    assert nura.history.first().history_user == nura_editor


NURA_AS_EDITED = {
    "name_kk": "Нұра ауданы",
    "name_ru": "Нуринский район",
    "name_en": "Nura rayon",
    "population": "25000",
    "population_year": "2021",
    "centre_lat": "49.93",
    "centre_lon": "69.09",
}


@pytest.mark.parametrize(
    "change",
    [
        {"name_kk": "", "name_ru": "", "name_en": ""},
        {"centre_lat": "10.0", "centre_lon": "10.0"},
        {"population_year": ""},
    ],
    ids=["names blanked", "centre outside Kazakhstan", "population without a year"],
)
def test_admin_refuses_territory_values_the_model_refuses(client, tree, nura_editor, change):
    """The admin's form runs Territory.clean() (ModelForm does it for a ModelAdmin)."""
    client.force_login(nura_editor)
    nura = tree["nura"]
    url = reverse("admin:territories_territory_change", args=[nura.pk])

    response = client.post(url, {**NURA_AS_EDITED, **change})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    nura.refresh_from_db()
    assert (nura.name_en, nura.population, nura.centre_lat) == ("Nura", None, None)


def test_editor_of_nura_cannot_open_karaganda_above_it(client, tree, nura_editor):
    client.force_login(nura_editor)
    url = reverse("admin:territories_territory_change", args=[tree["karaganda"].pk])
    assert client.get(url).status_code == 403


def test_superuser_sees_every_territory(client, tree):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert changelist_katos(client) == {t.kato for t in tree.values()}
    url = reverse("admin:territories_territory_change", args=[tree["glubokoe"].pk])
    assert client.get(url).status_code == 200


def test_organisations_are_narrowed_to_the_subtree(client, tree, nura_editor):
    inside = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["zharaspai"], name_en="Zharaspai"
    )
    outside = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["glubokoe"], name_en="Glubokoe"
    )
    client.force_login(nura_editor)
    response = client.get(reverse("admin:accounts_organisation_changelist"))
    assert list(response.context["cl"].result_list) == [inside]
    url = reverse("admin:accounts_organisation_change", args=[outside.pk])
    assert client.get(url).status_code == 403


def test_organisation_cannot_be_moved_out_of_scope(client, tree, nura_editor):
    org = Organisation.objects.create(
        kind=OrganisationKind.NGO, territory=tree["nura"], name_en="Nura NGO"
    )
    client.force_login(nura_editor)
    url = reverse("admin:accounts_organisation_change", args=[org.pk])
    response = client.post(
        url, {"kind": "ngo", "name_en": "Nura NGO", "territory": tree["glubokoe"].pk}
    )
    assert response.status_code == 200  # the form again, with an error on territory
    assert "territory" in response.context["adminform"].form.errors
    org.refresh_from_db()
    assert org.territory == tree["nura"]


def test_editor_does_not_see_role_grants_in_the_admin(client, tree, nura_editor):
    client.force_login(nura_editor)
    assert client.get(reverse("admin:accounts_rolegrant_changelist")).status_code == 403


def test_admin_staff_manage_grants_in_scope_only(client, tree):
    oblast_admin = staff_with_role(Role.ADMIN, tree["karaganda"])
    inside = user_with_role(Role.VIEWER, tree["nura"]).role_grants.get()
    outside = user_with_role(Role.VIEWER, tree["glubokoe"]).role_grants.get()
    client.force_login(oblast_admin)

    listed = client.get(reverse("admin:accounts_rolegrant_changelist")).context["cl"].result_list
    assert set(listed) == {inside, oblast_admin.role_grants.get()}
    assert (
        client.get(reverse("admin:accounts_rolegrant_change", args=[outside.pk])).status_code == 403
    )

    # Grants are given in the admin to people listed under People: by their organisation.
    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_en="Nura akimat"
    )
    newcomer = UserFactory(organisation=akimat)
    response = client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": newcomer.pk, "role": "editor", "territory": tree["glubokoe"].pk},
    )
    assert response.status_code == 200  # refused by the form: Glubokoe is not a choice
    assert not RoleGrant.objects.filter(user=newcomer).exists()

    response = client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": newcomer.pk, "role": "editor", "territory": tree["nura"].pk},
    )
    assert response.status_code == 302
    assert RoleGrant.objects.get(user=newcomer).granted_by == oblast_admin


def test_admin_index_lists_territories_for_officials(client, tree, nura_editor):
    client.force_login(nura_editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse("admin:territories_territory_changelist") in response.content.decode()


def test_staff_without_roles_sees_no_territories(client, tree):
    person = UserFactory(is_staff=True)
    person.groups.add(ensure_officials_group())
    client.force_login(person)
    assert client.get(reverse("admin:territories_territory_changelist")).status_code == 403


def test_non_superuser_cannot_reach_superuser_fields(client, tree):
    from django.contrib.auth.models import Permission

    oblast_admin = staff_with_role(Role.ADMIN, tree["karaganda"])
    oblast_admin.user_permissions.add(Permission.objects.get(codename="change_user"))
    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_en="Nura akimat"
    )
    colleague = UserFactory(organisation=akimat)
    client.force_login(oblast_admin)
    response = client.get(reverse("admin:accounts_user_change", args=[colleague.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "groups" not in form.fields


def test_superuser_accounts_are_out_of_reach_of_scoped_staff(client, tree):
    from django.contrib.auth.models import Permission

    oblast_admin = staff_with_role(Role.ADMIN, tree["karaganda"])
    oblast_admin.user_permissions.add(Permission.objects.get(codename="change_user"))
    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_en="Nura akimat"
    )
    root = UserFactory(is_superuser=True, organisation=akimat)
    client.force_login(oblast_admin)
    url = reverse("admin:auth_user_password_change", args=[root.pk])
    assert client.post(url, {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403
