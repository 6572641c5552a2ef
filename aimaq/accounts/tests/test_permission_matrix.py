"""Each role, over Nura rayon, against an object inside its subtree and one outside it."""

import pytest

from aimaq.accounts.models import Role
from aimaq.accounts.permissions import can
from aimaq.accounts.tests.conftest import Document
from aimaq.accounts.tests.factories import user_with_role

# What each role allows inside its subtree. Outside it, nothing (for unpublished content).
ALLOWED_IN_SCOPE = {
    Role.VIEWER: {"view"},
    Role.EDITOR: {"view", "change"},
    Role.MANAGER: {"view", "change", "publish"},
    Role.ADMIN: {"view", "change", "publish", "grant"},
    Role.COMMITTEE_MEMBER: {"view"},
    Role.REVIEWER: {"view"},
    Role.TRAINER: {"view"},
}
ACTIONS = ("view", "change", "publish", "grant")
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
@pytest.mark.parametrize("action", ["change", "publish", "grant"])
def test_territory_itself_follows_the_same_matrix(tree, role, action):
    person = user_with_role(role, tree["nura"])
    assert can(person, action, tree["zharaspai"]) is (action in ALLOWED_IN_SCOPE[role])
    assert can(person, action, tree["glubokoe"]) is False


def test_committee_member_scores_reviewer_reviews_trainer_trains_in_scope_only(tree):
    member = user_with_role(Role.COMMITTEE_MEMBER, tree["nura"])
    reviewer = user_with_role(Role.REVIEWER, tree["nura"])
    trainer = user_with_role(Role.TRAINER, tree["nura"])
    inside, outside = Document(tree["zharaspai"]), Document(tree["glubokoe"])
    assert can(member, "score", inside) and not can(member, "score", outside)
    assert can(reviewer, "review", inside) and not can(reviewer, "review", outside)
    assert can(trainer, "train", inside) and not can(trainer, "train", outside)
    assert not can(member, "review", inside)
