"""The domain action log and the timeline that tells an object's history in people's words."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from simple_history.models import registered_models

from aimaq.accounts.models import Role
from aimaq.accounts.services import grant_role, revoke_role
from aimaq.core.activity import UnknownEvent, declare_event, log_action, timeline
from aimaq.core.activity.models import ActionLogEntry
from aimaq.territories.services import update_territory
from aimaq.testing.people import UserFactory, user_with_role

CHECKED = declare_event("dossiers.checked", "checked the dossier")


def test_an_undeclared_event_is_refused(tree):
    with pytest.raises(UnknownEvent):
        log_action(tree["nura"], "territories.aproved", by=None)


def test_an_entry_lands_with_its_change_or_not_at_all(tree):
    with pytest.raises(RuntimeError), transaction.atomic():
        log_action(tree["nura"], CHECKED, by=None)
        raise RuntimeError("the change failed")
    assert not ActionLogEntry.objects.exists()


def test_granting_and_revoking_a_role_are_told_on_the_persons_timeline(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"], first_name="Aigerim", last_name="Admin")
    person = UserFactory()
    grant = grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["nura"])
    revoke_role(by=admin, grant=grant)

    with translation.override("en"):
        told = [(entry.who, entry.what) for entry in timeline(person)]
    assert ("Aigerim Admin", "revoked the role “editor” over 355200000") in told
    assert ("Aigerim Admin", "granted the role “editor” over 355200000") in told
    with translation.override("kk"):
        kazakh = " ".join(entry.what for entry in timeline(person))
    assert "редактор" in kazakh


def test_a_territory_edit_shows_who_changed_which_fields_on_the_edit_page(client, tree):
    editor = user_with_role(Role.EDITOR, tree["nura"], first_name="Dana", last_name="Editor")
    update_territory(
        tree["nura"],
        by=editor,
        data={"name_ru": "Нура", "population": 41000, "population_year": 2023},
    )

    client.force_login(editor)
    html = client.get(reverse("territories:edit", args=["355200000"])).content.decode()

    assert "Dana Editor" in html
    assert "changed it" in html and "name (Russian)" in html and "population" in html
    assert "41000" not in html.split("History")[1]  # the timeline names fields, not values


def test_every_field_a_history_names_has_a_name_in_the_readers_language():
    """A timeline says which fields changed by their names: each one is translated, never
    the code's own ("created_by", "competition")."""
    untranslated = [
        f"{model._meta.label}.{field.name}"
        for model in registered_models.values()
        if model.__module__.startswith("aimaq.") and hasattr(model, "history")
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name in {f.name for f in model.history.model._meta.fields}
        and not isinstance(field.verbose_name, Promise)
    ]
    assert not untranslated
