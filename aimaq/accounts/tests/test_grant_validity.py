"""Expired grants, superusers and deactivated accounts."""

from datetime import timedelta

from django.utils import timezone

from aimaq.accounts.models import Role, RoleGrant
from aimaq.core.permissions import allowed_rows, can
from aimaq.territories.models import Territory
from aimaq.testing.fixtures import Document
from aimaq.testing.people import UserFactory, user_with_role


def test_expired_grant_gives_nothing(tree):
    person = UserFactory()
    RoleGrant.objects.create(
        user=person,
        role=Role.ADMIN,
        territory=tree["nura"],
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    for action in ("dossiers.view", "dossiers.change", "dossiers.publish", "accounts.grant"):
        assert not can(person, action, Document(tree["zharaspai"]))
    assert not allowed_rows(
        person, "territories.view", Territory.objects.all(), own_right=True
    ).exists()


def test_grant_holds_through_its_last_day(tree):
    person = UserFactory()
    RoleGrant.objects.create(
        user=person, role=Role.EDITOR, territory=tree["nura"], expires_on=timezone.localdate()
    )
    assert can(person, "territories.change", tree["nura"])


def test_superuser_holds_every_territory_role_everywhere_but_no_membership(tree):
    root = UserFactory(is_superuser=True)
    for place in ("country", "karaganda", "zharaspai", "glubokoe"):
        for action in ("dossiers.view", "dossiers.change", "dossiers.publish", "accounts.grant"):
            assert can(root, action, Document(tree[place]))
        assert not can(root, "dossiers.score", Document(tree[place]))
    assert (
        allowed_rows(root, "territories.change", Territory.objects.all(), own_right=True).count()
        == 6
    )


def test_deactivated_person_keeps_no_rights(tree):
    person = user_with_role(Role.ADMIN, tree["nura"], is_active=False)
    for action in ("dossiers.view", "dossiers.change", "dossiers.publish", "accounts.grant"):
        assert not can(person, action, Document(tree["nura"]))
    assert not allowed_rows(
        person, "territories.view", Territory.objects.all(), own_right=True
    ).exists()


def test_deactivated_superuser_keeps_no_rights(tree):
    person = UserFactory(is_superuser=True, is_active=False)
    assert not can(person, "territories.change", tree["nura"])


def test_filter_in_scope_lists_the_subtree_only(tree):
    editor = user_with_role(Role.EDITOR, tree["nura"])
    codes = set(
        allowed_rows(
            editor, "territories.change", Territory.objects.all(), own_right=True
        ).values_list("kato", flat=True)
    )
    assert codes == {"355200000", "355243000"}
