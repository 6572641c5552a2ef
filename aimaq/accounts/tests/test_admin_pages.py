"""Every admin page of ours renders, for a superuser and in each interface language."""

import pytest
from django.urls import reverse

from aimaq.accounts.models import Organisation, OrganisationKind, Role
from aimaq.territories.models import TerritoryGroup
from aimaq.testing.people import UserFactory, user_with_role

MODELS = (
    "territories_territory",
    "territories_territorygroup",
    "accounts_organisation",
    "accounts_user",
    "accounts_rolegrant",
)


@pytest.fixture
def objects(tree):
    group = TerritoryGroup.objects.create(slug="pilots", name_en="Pilot oblasts")
    group.territories.add(tree["karaganda"], tree["east"])
    organisation = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_en="Akimat of Nura rayon"
    )
    person = user_with_role(Role.EDITOR, tree["nura"], organisation=organisation)
    return {
        "territories_territory": tree["nura"],
        "territories_territorygroup": group,
        "accounts_organisation": organisation,
        "accounts_user": person,
        "accounts_rolegrant": person.role_grants.get(),
    }


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("model", MODELS)
def test_superuser_opens_list_add_change_and_history(client, objects, model, language):
    client.cookies["django_language"] = language
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    pk = objects[model].pk
    for url in (
        reverse(f"admin:{model}_changelist"),
        reverse(f"admin:{model}_changelist") + "?q=Nura",
        reverse(f"admin:{model}_add"),
        reverse(f"admin:{model}_change", args=[pk]),
        reverse(f"admin:{model}_history", args=[pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert language == response.wsgi_request.LANGUAGE_CODE


def test_territory_autocomplete_is_narrowed_to_scope(client, tree):
    from aimaq.accounts.groups import ensure_officials_group

    editor = user_with_role(Role.EDITOR, tree["nura"], is_staff=True)
    editor.groups.add(ensure_officials_group())
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "accounts",
            "model_name": "organisation",
            "field_name": "territory",
            "term": "",
        },
    )
    assert response.status_code == 200
    names = {item["text"] for item in response.json()["results"]}
    assert "Glubokoe" not in " ".join(names)
    assert names
