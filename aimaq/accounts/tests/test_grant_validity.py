"""Expired grants, superusers and deactivated accounts."""

from datetime import timedelta

from django.utils import timezone

from aimaq.accounts.models import Role, RoleGrant
from aimaq.accounts.permissions import can, filter_in_scope
from aimaq.accounts.tests.conftest import Document
from aimaq.accounts.tests.factories import UserFactory, user_with_role
from aimaq.territories.models import Territory


def test_expired_grant_gives_nothing(tree):
    person = UserFactory()
    RoleGrant.objects.create(
        user=person,
        role=Role.ADMIN,
        territory=tree["nura"],
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    for action in ("view", "change", "publish", "grant"):
        assert not can(person, action, Document(tree["zharaspai"]))
    assert not filter_in_scope(Territory.objects.all(), person, "view", "").exists()


def test_grant_holds_through_its_last_day(tree):
    person = UserFactory()
    RoleGrant.objects.create(
        user=person, role=Role.EDITOR, territory=tree["nura"], expires_on=timezone.localdate()
    )
    assert can(person, "change", tree["nura"])


def test_superuser_may_do_everything_everywhere(tree):
    root = UserFactory(is_superuser=True)
    for place in ("country", "karaganda", "zharaspai", "glubokoe"):
        for action in ("view", "change", "publish", "grant", "score"):
            assert can(root, action, Document(tree[place]))
    assert filter_in_scope(Territory.objects.all(), root, "change", "").count() == 6


def test_deactivated_person_keeps_no_rights(tree):
    person = user_with_role(Role.ADMIN, tree["nura"], is_active=False)
    for action in ("view", "change", "publish", "grant"):
        assert not can(person, action, Document(tree["nura"]))
    assert not filter_in_scope(Territory.objects.all(), person, "view", "").exists()


def test_deactivated_superuser_keeps_no_rights(tree):
    person = UserFactory(is_superuser=True, is_active=False)
    assert not can(person, "change", tree["nura"])


def test_filter_in_scope_lists_the_subtree_only(tree):
    editor = user_with_role(Role.EDITOR, tree["nura"])
    codes = set(
        filter_in_scope(Territory.objects.all(), editor, "change", "").values_list(
            "kato", flat=True
        )
    )
    assert codes == {"355200000", "355243000"}
