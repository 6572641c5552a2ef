"""Each territory role, over Nura rayon, against an object inside its subtree and one outside."""

import pytest

from aimaq.accounts.models import Role
from aimaq.core.permissions import UnknownAction, can
from aimaq.testing.fixtures import Document
from aimaq.testing.people import user_with_role

# What each role allows inside its subtree. Outside it, nothing (for unpublished content).
ALLOWED_IN_SCOPE = {
    Role.VIEWER: {"dossiers.view"},
    Role.EDITOR: {"dossiers.view", "dossiers.change"},
    Role.MANAGER: {"dossiers.view", "dossiers.change", "dossiers.publish"},
    Role.ADMIN: {"dossiers.view", "dossiers.change", "dossiers.publish", "accounts.grant"},
}
ACTIONS = ("dossiers.view", "dossiers.change", "dossiers.publish", "accounts.grant")
IN_SCOPE = ("nura", "zharaspai")
OUT_OF_SCOPE = ("karaganda", "glubokoe", "east", "country")

CASES = [
    pytest.param(
        role, place, action, place in IN_SCOPE and action in allowed, id=f"{role}-{place}-{action}"
    )
    for role, allowed in ALLOWED_IN_SCOPE.items()
    for place in IN_SCOPE + OUT_OF_SCOPE
    for action in ACTIONS
]


@pytest.mark.parametrize(("role", "place", "action", "expected"), CASES)
def test_role_over_nura_allows_its_actions_only_inside_nura(tree, role, place, action, expected):
    person = user_with_role(role, tree["nura"])
    unpublished = Document(territory=tree[place])
    assert can(person, action, unpublished) is expected


@pytest.mark.parametrize("role", list(ALLOWED_IN_SCOPE))
@pytest.mark.parametrize("action", ["territories.change", "accounts.grant"])
def test_territory_itself_follows_the_same_ladder(tree, role, action):
    person = user_with_role(role, tree["nura"])
    expected = {"territories.change": Role.EDITOR, "accounts.grant": Role.ADMIN}[action]
    reaches = list(ALLOWED_IN_SCOPE).index(role) >= list(ALLOWED_IN_SCOPE).index(expected)
    assert can(person, action, tree["zharaspai"]) is reaches
    assert can(person, action, tree["glubokoe"]) is False


def test_no_territory_role_gives_an_action_that_only_membership_gives(tree):
    admin = user_with_role(Role.ADMIN, tree["country"])
    assert not can(admin, "dossiers.score", Document(tree["zharaspai"]))


@pytest.mark.parametrize("name", ["change", "territories.chnage", "nosuchapp.score"])
def test_an_undeclared_action_raises_instead_of_denying(tree, name):
    person = user_with_role(Role.ADMIN, tree["nura"])
    with pytest.raises(UnknownAction):
        can(person, name, tree["nura"])
