"""Proposals come from residents: a visitor is sent to sign in with a code, and an official,
whose account is nobody's resident record, is told so in their language with what to do
instead — register the resident they act for, or sign in as a resident."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from aimaq.accounts.models import Role
from aimaq.testing.people import user_with_role

from ..models import Support
from ..services.proposals import moderate, submit_proposal
from .world import resident

pytestmark = pytest.mark.django_db

NEW = "/participation/proposals/new/"


def _words(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_official_who_may_act_for_residents_is_told_to_register_the_resident_first(
    client, tree, language
):
    client.force_login(user_with_role(Role.EDITOR, tree["nura"]))

    page = client.get(NEW, HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 200
    html = page.content.decode()
    assert _words(language, "Proposals come from residents") in html
    assert reverse("participation:participant_new") in html
    assert _words(language, "Register a resident without internet") in html


def test_an_official_who_may_not_act_for_residents_may_sign_in_as_a_resident(client, tree):
    client.force_login(user_with_role(Role.VIEWER, tree["nura"]))

    page = client.get(NEW, HTTP_ACCEPT_LANGUAGE="kk")

    assert page.status_code == 200
    html = page.content.decode()
    assert _words("kk", "Proposals come from residents") in html
    assert reverse("participation:participant_new") not in html
    assert f'name="next" value="{reverse("participation:sign_in")}"' in html
    signed_out = client.post(reverse("accounts:logout"), {"next": reverse("participation:sign_in")})
    assert signed_out.url == reverse("participation:sign_in")


def test_a_visitor_is_sent_to_sign_in_with_a_code_and_comes_back(client):
    page = client.get(NEW)

    assert page.status_code == 302
    assert page.url == f"{reverse('participation:sign_in')}?next={NEW}"


def test_an_official_supporting_a_proposal_is_told_who_supports(client, tree):
    author = resident(tree["zharaspai"])
    editor = user_with_role(Role.EDITOR, tree["nura"])
    proposal = submit_proposal(
        author=author.participant,
        territory=tree["zharaspai"],
        category="connectivity",
        title="No mobile signal",
        text="560 people have no mobile network.",
        by=author,
    )
    moderate(proposal, publish=True, by=editor)
    client.force_login(editor)

    page = client.post(
        reverse("participation:support", args=[proposal.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert page.status_code == 200
    assert _words("ru", "Proposals come from residents") in page.content.decode()
    assert not Support.objects.exists()
