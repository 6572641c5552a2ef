"""A grant higher up the tree, or a higher role, never gives fewer rights below."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.accounts.models import Role
from aimaq.core.permissions import allowed_actions
from aimaq.testing.fixtures import Document
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.slow  # property runs

CHAIN = ("country", "karaganda", "nura", "zharaspai")
PLACES = (*CHAIN, "glubokoe", "east")
SETTINGS = settings(
    max_examples=200,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def holders(tree):
    """One person per role and per level of the chain, holding that role there."""
    return {
        (role, depth): user_with_role(role, tree[place])
        for role in Role.values
        for depth, place in enumerate(CHAIN)
    }


def rights(person, obj) -> set[str]:
    return allowed_actions(person, obj)


@SETTINGS
@given(
    role=st.sampled_from(Role.values),
    higher=st.integers(0, len(CHAIN) - 1),
    lower=st.integers(0, len(CHAIN) - 1),
    target=st.sampled_from(PLACES),
    published=st.booleans(),
)
def test_higher_grant_never_gives_fewer_rights(
    tree, holders, role, higher, lower, target, published
):
    higher, lower = sorted((higher, lower))
    for obj in (Document(tree[target], is_published=published), tree[target]):
        assert rights(holders[(role, higher)], obj) >= rights(holders[(role, lower)], obj)


@SETTINGS
@given(
    roles=st.lists(st.sampled_from(Role.values), min_size=2, max_size=2, unique=True),
    depth=st.integers(0, len(CHAIN) - 1),
    target=st.sampled_from(PLACES),
)
def test_higher_role_never_gives_fewer_rights(tree, holders, roles, depth, target):
    low, high = sorted(roles, key=Role.values.index)
    obj = Document(tree[target])
    assert rights(holders[(high, depth)], obj) >= rights(holders[(low, depth)], obj)


@SETTINGS
@given(
    role=st.sampled_from(Role.values),
    depth=st.integers(0, len(CHAIN) - 1),
    target=st.sampled_from(PLACES),
)
def test_every_right_includes_viewing(tree, holders, role, depth, target):
    allowed = rights(holders[(role, depth)], Document(tree[target]))
    assert not {a for a in allowed if a.startswith("dossiers.")} or "dossiers.view" in allowed
