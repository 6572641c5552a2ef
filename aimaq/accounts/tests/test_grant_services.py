from datetime import date
from unittest.mock import patch

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from aimaq.accounts.models import Role, RoleGrant
from aimaq.accounts.permissions import can
from aimaq.accounts.services import grant_role, revoke_role
from aimaq.accounts.tests.factories import UserFactory, user_with_role


def test_grant_gives_rights_at_once_even_to_a_cached_user(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory()
    assert not can(person, "change", tree["nura"])  # caches the (empty) grants

    grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["nura"])

    assert can(person, "change", tree["zharaspai"])


def test_grant_outside_scope_raises_and_writes_nothing(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        grant_role(by=admin, user=person, role=Role.VIEWER, territory=tree["glubokoe"])
    assert not RoleGrant.objects.filter(user=person).exists()


def test_granting_twice_keeps_one_grant_and_updates_its_expiry(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory()
    first = grant_role(by=admin, user=person, role=Role.VIEWER, territory=tree["nura"])
    second = grant_role(
        by=admin,
        user=person,
        role=Role.VIEWER,
        territory=tree["nura"],
        expires_on=date(2030, 12, 31),
    )
    assert first.pk == second.pk
    assert RoleGrant.objects.get(user=person).expires_on == date(2030, 12, 31)


def test_superuser_grants_anywhere(tree):
    root = UserFactory(is_superuser=True)
    person = UserFactory()
    grant_role(by=root, user=person, role=Role.ADMIN, territory=tree["country"])
    assert can(person, "grant", tree["glubokoe"])


def test_revoke_outside_scope_raises(tree):
    admin = user_with_role(Role.ADMIN, tree["nura"])
    grant = user_with_role(Role.VIEWER, tree["karaganda"]).role_grants.get()
    with pytest.raises(PermissionDenied):
        revoke_role(by=admin, grant=grant)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_revoke_takes_rights_away_and_records_who(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = user_with_role(Role.EDITOR, tree["nura"])
    assert can(person, "change", tree["nura"])

    revoke_role(by=admin, grant=person.role_grants.get())

    assert not can(person, "change", tree["nura"])
    assert RoleGrant.history.filter(history_type="-").get().history_user == admin


def test_concurrent_double_submit_lands_on_the_existing_grant(tree):
    """The second request of a double submit may not see the first one's row yet; the
    unique constraint then refuses the insert and the service returns the existing grant."""
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory()
    existing = RoleGrant.objects.create(user=person, role=Role.EDITOR, territory=tree["nura"])

    with patch.object(QuerySet, "first", return_value=None):
        grant = grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["nura"])

    assert grant.pk == existing.pk
    assert RoleGrant.objects.filter(user=person).count() == 1
    assert can(person, "change", tree["nura"])  # the transaction is still usable
