"""A grant higher up the tree never gives fewer rights below than a grant lower down."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.accounts.models import Role
from aimaq.accounts.permissions import Action, allowed_actions
from aimaq.accounts.tests.conftest import Document
from aimaq.accounts.tests.factories import user_with_role

CHAIN = ("country", "karaganda", "nura", "zharaspai")


@pytest.fixture
def holders(tree):
    """One person per role and per level of the chain, holding that role there."""
    return {
        (role, depth): user_with_role(role, tree[place])
        for role in Role.values
        for depth, place in enumerate(CHAIN)
    }


@settings(
    max_examples=200,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    role=st.sampled_from(Role.values),
    higher=st.integers(0, len(CHAIN) - 1),
    lower=st.integers(0, len(CHAIN) - 1),
    target=st.sampled_from(CHAIN + ("glubokoe",)),
    published=st.booleans(),
)
def test_higher_grant_never_gives_fewer_rights(
    tree, holders, role, higher, lower, target, published
):
    higher, lower = sorted((higher, lower))
    obj = Document(tree[target], is_published=published)
    assert allowed_actions(holders[(role, higher)], obj) >= allowed_actions(
        holders[(role, lower)], obj
    )


@settings(
    max_examples=100,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    role=st.sampled_from(Role.values),
    depth=st.integers(0, len(CHAIN) - 1),
    target=st.sampled_from(CHAIN + ("glubokoe", "east")),
)
def test_every_right_includes_viewing(tree, holders, role, depth, target):
    allowed = allowed_actions(holders[(role, depth)], Document(tree[target]))
    assert not allowed or Action.VIEW in allowed
