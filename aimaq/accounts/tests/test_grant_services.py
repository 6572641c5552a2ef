from datetime import date, timedelta
from unittest.mock import patch

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from aimaq.accounts.models import Role, RoleGrant
from aimaq.accounts.services import RevokeRefused, grant_role, revoke_role
from aimaq.core.permissions import can
from aimaq.testing.people import UserFactory, user_with_role


def test_grant_gives_rights_at_once_even_to_a_cached_user(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = UserFactory()
    assert not can(person, "territories.change", tree["nura"])  # caches the (empty) grants

    grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["nura"])

    assert can(person, "territories.change", tree["zharaspai"])


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
    assert can(person, "accounts.grant", tree["glubokoe"])


def test_revoke_outside_scope_raises(tree):
    admin = user_with_role(Role.ADMIN, tree["nura"])
    grant = user_with_role(Role.VIEWER, tree["karaganda"]).role_grants.get()
    with pytest.raises(PermissionDenied):
        revoke_role(by=admin, grant=grant)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_revoke_takes_rights_away_and_records_who(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    person = user_with_role(Role.EDITOR, tree["nura"])
    assert can(person, "territories.change", tree["nura"])

    revoke_role(by=admin, grant=person.role_grants.get())

    assert not can(person, "territories.change", tree["nura"])
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
    assert can(person, "territories.change", tree["nura"])  # the transaction is still usable


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def test_admin_cannot_lift_the_expiry_of_their_own_grant(tree):
    admin = UserFactory()
    RoleGrant.objects.create(
        user=admin, role=Role.ADMIN, territory=tree["karaganda"], expires_on=in_days(30)
    )
    with pytest.raises(PermissionDenied):
        grant_role(by=admin, user=admin, role=Role.ADMIN, territory=tree["karaganda"])
    assert RoleGrant.objects.get(user=admin).expires_on == in_days(30)


def test_admin_cannot_give_themselves_another_role(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    with pytest.raises(PermissionDenied, match="yourself"):
        grant_role(by=admin, user=admin, role=Role.EDITOR, territory=tree["nura"])
    assert RoleGrant.objects.filter(user=admin).count() == 1


def test_superuser_may_change_their_own_grant(tree):
    root = UserFactory(is_superuser=True)
    grant_role(by=root, user=root, role=Role.VIEWER, territory=tree["nura"])
    assert RoleGrant.objects.filter(user=root).exists()


def test_admin_may_give_up_their_own_grant_once_confirmed(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    user_with_role(Role.ADMIN, tree["karaganda"])  # someone still administers Karaganda
    with pytest.raises(RevokeRefused) as refusal:
        revoke_role(by=admin, grant=admin.role_grants.get())
    assert refusal.value.needs_confirmation
    assert RoleGrant.objects.filter(user=admin).exists()

    revoke_role(by=admin, grant=admin.role_grants.get(), confirmed=True)

    assert not RoleGrant.objects.filter(user=admin).exists()


def test_admin_may_give_up_a_lesser_role_of_her_own_without_confirming(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    own_viewer = RoleGrant.objects.create(user=admin, role=Role.VIEWER, territory=tree["nura"])
    revoke_role(by=admin, grant=own_viewer)
    assert not RoleGrant.objects.filter(pk=own_viewer.pk).exists()


@pytest.mark.parametrize("by_superuser", [False, True])
def test_last_administrator_of_a_territory_is_never_removed(tree, by_superuser):
    oblast_admin = user_with_role(Role.ADMIN, tree["karaganda"])
    user_with_role(Role.ADMIN, tree["nura"])  # administers only a part of the oblast
    by = UserFactory(is_superuser=True) if by_superuser else oblast_admin

    with pytest.raises(RevokeRefused, match="last administrator"):
        revoke_role(by=by, grant=oblast_admin.role_grants.get(), confirmed=True)

    assert RoleGrant.objects.filter(user=oblast_admin).exists()


def test_an_administrator_covered_from_above_may_be_removed(tree):
    oblast_admin = user_with_role(Role.ADMIN, tree["karaganda"])
    rayon_admin = user_with_role(Role.ADMIN, tree["nura"])
    revoke_role(by=oblast_admin, grant=rayon_admin.role_grants.get())
    assert not RoleGrant.objects.filter(user=rayon_admin).exists()


def test_expired_or_inactive_administrators_do_not_count_as_the_other_one(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    RoleGrant.objects.create(
        user=UserFactory(), role=Role.ADMIN, territory=tree["karaganda"], expires_on=in_days(-1)
    )
    RoleGrant.objects.create(
        user=UserFactory(is_active=False), role=Role.ADMIN, territory=tree["country"]
    )
    with pytest.raises(RevokeRefused, match="last administrator"):
        revoke_role(by=UserFactory(is_superuser=True), grant=admin.role_grants.get())


@pytest.mark.parametrize("expires_on", [None, 31])
def test_grantor_whose_right_expires_cannot_give_a_grant_that_outlives_it(tree, expires_on):
    admin = UserFactory()
    RoleGrant.objects.create(
        user=admin, role=Role.ADMIN, territory=tree["karaganda"], expires_on=in_days(30)
    )
    person = UserFactory()
    with pytest.raises(PermissionDenied, match="ends on"):
        grant_role(
            by=admin,
            user=person,
            role=Role.ADMIN,
            territory=tree["nura"],
            expires_on=None if expires_on is None else in_days(expires_on),
        )
    assert not RoleGrant.objects.filter(user=person).exists()


def test_grantor_whose_right_expires_may_give_a_grant_ending_with_it(tree):
    admin = UserFactory()
    RoleGrant.objects.create(
        user=admin, role=Role.ADMIN, territory=tree["karaganda"], expires_on=in_days(30)
    )
    person = UserFactory()
    grant_role(
        by=admin, user=person, role=Role.ADMIN, territory=tree["nura"], expires_on=in_days(30)
    )
    assert RoleGrant.objects.get(user=person).expires_on == in_days(30)


def test_a_permanent_right_over_the_territory_lifts_the_limit_of_an_expiring_one(tree):
    admin = user_with_role(Role.ADMIN, tree["nura"])
    RoleGrant.objects.create(
        user=admin, role=Role.ADMIN, territory=tree["karaganda"], expires_on=in_days(30)
    )
    person = UserFactory()
    grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["zharaspai"])
    assert RoleGrant.objects.get(user=person).expires_on is None


def test_an_expiring_role_without_the_right_to_grant_sets_no_limit(tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    RoleGrant.objects.create(
        user=admin, role=Role.EDITOR, territory=tree["nura"], expires_on=in_days(30)
    )
    person = UserFactory()
    grant_role(by=admin, user=person, role=Role.EDITOR, territory=tree["nura"])
    assert RoleGrant.objects.get(user=person).expires_on is None


@pytest.mark.parametrize("superuser", [False, True])
def test_grant_expiring_in_the_past_is_refused(tree, superuser):
    admin = user_with_role(Role.ADMIN, tree["karaganda"], is_superuser=superuser)
    person = UserFactory()
    with pytest.raises(ValidationError):
        grant_role(
            by=admin, user=person, role=Role.VIEWER, territory=tree["nura"], expires_on=in_days(-1)
        )
    assert not RoleGrant.objects.filter(user=person).exists()
