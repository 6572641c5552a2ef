"""Grants and people in the admin: the same rules as the grants page, and no reach beyond."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from aimaq.accounts.groups import ensure_officials_group
from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant
from aimaq.testing.people import UserFactory, user_with_role


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def staff_with_role(role, territory, *, expires_on=None, may_change_people=False, **fields):
    person = UserFactory(is_staff=True, **fields)
    RoleGrant.objects.create(user=person, role=role, territory=territory, expires_on=expires_on)
    person.groups.add(ensure_officials_group())
    if may_change_people:
        person.user_permissions.add(Permission.objects.get(codename="change_user"))
    return person


def organisation_in(territory, name="Akimat") -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=territory, name_en=name
    )


def form_data(form) -> dict:
    """What the browser would send back for `form` unchanged."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field.widget, MultiWidget):
            for i, part in enumerate(field.field.widget.decompress(value) or ()):
                data[f"{field.html_name}_{i}"] = "" if part is None else part
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None:
            data[field.html_name] = value
    return data


def change_page_data(response) -> dict:
    """The admin change page's form and inline formsets, as they would be posted unchanged."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


@pytest.fixture
def expiring_admin(tree):
    return staff_with_role(Role.ADMIN, tree["karaganda"], expires_on=in_days(30))


# Role grants (RoleGrantAdmin)


def test_admin_cannot_lift_the_expiry_of_their_own_grant_in_the_admin(client, expiring_admin):
    grant = expiring_admin.role_grants.get()
    client.force_login(expiring_admin)
    url = reverse("admin:accounts_rolegrant_change", args=[grant.pk])

    data = form_data(client.get(url).context["adminform"].form)
    response = client.post(url, {**data, "expires_on": ""})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    grant.refresh_from_db()
    assert grant.expires_on == in_days(30)


def test_admin_grant_outliving_the_grantors_right_is_a_form_error(client, tree, expiring_admin):
    newcomer = UserFactory(organisation=organisation_in(tree["nura"]))
    client.force_login(expiring_admin)

    response = client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": newcomer.pk, "role": "editor", "territory": tree["nura"].pk},
    )

    assert response.status_code == 200
    assert "expires_on" in response.context["adminform"].form.errors
    assert not RoleGrant.objects.filter(user=newcomer).exists()


def test_admin_grant_goes_through_the_service_and_records_who(client, tree, expiring_admin):
    newcomer = UserFactory(organisation=organisation_in(tree["nura"]))
    client.force_login(expiring_admin)

    response = client.post(
        reverse("admin:accounts_rolegrant_add"),
        {
            "user": newcomer.pk,
            "role": "editor",
            "territory": tree["nura"].pk,
            "expires_on": in_days(10).isoformat(),
        },
    )

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=newcomer)
    assert (grant.granted_by, grant.expires_on) == (expiring_admin, in_days(10))
    assert grant.history.get().history_user == expiring_admin


def test_changing_a_grants_territory_is_not_offered_in_the_admin(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["karaganda"])
    grant = user_with_role(Role.VIEWER, tree["nura"]).role_grants.get()
    client.force_login(admin)
    url = reverse("admin:accounts_rolegrant_change", args=[grant.pk])

    form = client.get(url).context["adminform"].form

    assert set(form.fields) == {"expires_on"}


def test_admin_deleting_a_grant_records_who_revoked_it(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["karaganda"])
    grant = user_with_role(Role.VIEWER, tree["nura"]).role_grants.get()
    client.force_login(admin)

    response = client.post(
        reverse("admin:accounts_rolegrant_delete", args=[grant.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert RoleGrant.history.get(id=grant.pk, history_type="-").history_user == admin


def test_person_field_of_a_grant_does_not_show_people_outside_scope(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["nura"])
    outsider = UserFactory(
        first_name="Secret", last_name="Outsider", organisation=organisation_in(tree["glubokoe"])
    )
    client.force_login(admin)

    response = client.get(reverse("admin:accounts_rolegrant_add"), {"user": outsider.pk})

    assert response.status_code == 200
    assert "Outsider" not in response.content.decode()


def test_person_search_for_a_grant_lists_people_in_scope_only(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["nura"])
    insider = UserFactory(last_name="Searched", organisation=organisation_in(tree["zharaspai"]))
    UserFactory(last_name="Searched", organisation=organisation_in(tree["glubokoe"]))
    UserFactory(last_name="Searched")  # no organisation: nobody's scope but a superuser's
    client.force_login(admin)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "accounts",
            "model_name": "rolegrant",
            "field_name": "user",
            "term": "Searched",
        },
    )

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(insider.pk)]


def test_grant_to_a_person_outside_scope_is_refused_in_the_admin(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["nura"])
    outsider = UserFactory(organisation=organisation_in(tree["glubokoe"]))
    client.force_login(admin)

    response = client.post(
        reverse("admin:accounts_rolegrant_add"),
        {"user": outsider.pk, "role": "viewer", "territory": tree["nura"].pk},
    )

    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not RoleGrant.objects.filter(user=outsider).exists()


# People (PersonAdmin and its grants inline)


def test_grants_inline_refuses_a_grant_outliving_the_grantors_right(client, tree):
    admin = staff_with_role(
        Role.ADMIN, tree["karaganda"], expires_on=in_days(30), may_change_people=True
    )
    colleague = UserFactory(organisation=organisation_in(tree["nura"]))
    grant = RoleGrant.objects.create(
        user=colleague, role=Role.EDITOR, territory=tree["nura"], expires_on=in_days(10)
    )
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[colleague.pk])

    data = change_page_data(client.get(url))
    response = client.post(url, {**data, "role_grants-0-expires_on": ""})

    assert response.status_code == 200
    assert any(form.errors for form in response.context["inline_admin_formsets"][0].formset)
    grant.refresh_from_db()
    assert grant.expires_on == in_days(10)


def test_grants_inline_saves_through_the_service(client, tree):
    admin = staff_with_role(Role.ADMIN, tree["karaganda"], may_change_people=True)
    colleague = UserFactory(organisation=organisation_in(tree["nura"]))
    RoleGrant.objects.create(user=colleague, role=Role.EDITOR, territory=tree["nura"])
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[colleague.pk])

    data = change_page_data(client.get(url))
    response = client.post(url, {**data, "role_grants-0-role": Role.MANAGER})

    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=colleague)
    assert (grant.role, grant.granted_by) == (Role.MANAGER, admin)
    assert grant.history.filter(history_type="+").get().history_user == admin


def test_admin_cannot_lift_their_own_expiry_through_their_person_page(client, tree):
    admin = staff_with_role(
        Role.ADMIN,
        tree["karaganda"],
        expires_on=in_days(30),
        may_change_people=True,
        organisation=organisation_in(tree["nura"]),
    )
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[admin.pk])

    data = change_page_data(client.get(url))
    response = client.post(url, {**data, "role_grants-0-expires_on": ""})

    assert response.status_code == 403
    assert admin.role_grants.get().expires_on == in_days(30)


def test_rayon_admin_cannot_reset_the_password_of_someone_with_an_oblast_grant(client, tree):
    rayon_admin = staff_with_role(Role.ADMIN, tree["nura"], may_change_people=True)
    oblast_viewer = user_with_role(
        Role.VIEWER, tree["karaganda"], organisation=organisation_in(tree["nura"])
    )
    old_password = oblast_viewer.password
    client.force_login(rayon_admin)

    url = reverse("admin:auth_user_password_change", args=[oblast_viewer.pk])
    response = client.post(
        url, {"password1": "n3w-Passw0rd-x" * 2, "password2": "n3w-Passw0rd-x" * 2}
    )

    assert response.status_code == 403
    oblast_viewer.refresh_from_db()
    assert oblast_viewer.password == old_password
    change = reverse("admin:accounts_user_change", args=[oblast_viewer.pk])
    assert client.post(change, {"username": "taken", "is_active": ""}).status_code == 403
    delete = reverse("admin:accounts_user_delete", args=[oblast_viewer.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    oblast_viewer.refresh_from_db()
    assert oblast_viewer.is_active


def test_scoped_admin_cannot_change_or_delete_staff_accounts(client, tree):
    oblast_admin = staff_with_role(Role.ADMIN, tree["karaganda"], may_change_people=True)
    colleague = UserFactory(is_staff=True, organisation=organisation_in(tree["nura"]))
    client.force_login(oblast_admin)

    for view in ("change", "delete"):
        url = reverse(f"admin:accounts_user_{view}", args=[colleague.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403, view
    url = reverse("admin:auth_user_password_change", args=[colleague.pk])
    assert client.get(url).status_code == 403


def test_scoped_admin_may_change_a_person_whose_grants_lie_in_scope(client, tree):
    oblast_admin = staff_with_role(Role.ADMIN, tree["karaganda"], may_change_people=True)
    nura_editor = user_with_role(
        Role.EDITOR, tree["nura"], organisation=organisation_in(tree["nura"])
    )
    client.force_login(oblast_admin)
    url = reverse("admin:auth_user_password_change", args=[nura_editor.pk])
    assert client.get(url).status_code == 200
