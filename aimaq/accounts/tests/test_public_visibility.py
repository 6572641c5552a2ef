from django.contrib.auth.models import AnonymousUser

from aimaq.accounts.models import Role
from aimaq.core.permissions import can
from aimaq.testing.fixtures import Document
from aimaq.testing.people import UserFactory, user_with_role


def test_anonymous_sees_published_content_and_territories(tree):
    anonymous = AnonymousUser()
    assert can(anonymous, "dossiers.view", Document(tree["nura"], is_published=True))
    assert can(anonymous, "territories.view", tree["glubokoe"])
    assert can(None, "territories.view", tree["nura"])


def test_anonymous_cannot_see_unpublished_content(tree):
    assert not can(AnonymousUser(), "dossiers.view", Document(tree["nura"], is_published=False))
    assert not can(None, "dossiers.view", Document(tree["nura"], is_published=False))


def test_anonymous_may_do_nothing_but_view(tree):
    for action in ("dossiers.change", "dossiers.publish", "accounts.grant"):
        assert not can(AnonymousUser(), action, Document(tree["nura"], is_published=True))


def test_unpublished_content_is_hidden_from_viewers_of_other_territories(tree):
    viewer_of_glubokoe = user_with_role(Role.VIEWER, tree["glubokoe"])
    assert not can(viewer_of_glubokoe, "dossiers.view", Document(tree["zharaspai"]))


def test_unpublished_content_is_visible_to_viewers_in_scope(tree):
    viewer_of_nura = user_with_role(Role.VIEWER, tree["nura"])
    assert can(viewer_of_nura, "dossiers.view", Document(tree["zharaspai"]))


def test_signed_in_person_without_roles_sees_only_public_content(tree):
    person = UserFactory()
    assert can(person, "dossiers.view", Document(tree["nura"], is_published=True))
    assert not can(person, "dossiers.view", Document(tree["nura"], is_published=False))


def test_people_are_not_public(tree):
    assert not can(AnonymousUser(), "territories.view", UserFactory())
