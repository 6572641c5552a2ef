"""The back office speaks the reader's language: branded Aimaq, and in Kazakh or Russian no
English label of Django or a package left on its pages."""

import re
from html import unescape

import pytest

from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant
from aimaq.core.tests.test_admin_links import walk
from aimaq.testing.people import UserFactory

TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
# English words of Django's and the packages' admin that a Kazakh page must not show.
ENGLISH = re.compile(
    r"\b(?:Django|administration|Add|Change|Delete|History|Search|Filter|Save|Select|View site|"
    r"Log out|Welcome|Home|Recent actions|Task Results?|Access (?:attempts|logs|failures)|"
    r"historical|Can (?:add|change|delete|view)|Yes|No|All|Today|Action|Go|Changed by|"
    r"Date/time|Comment|Axes|Tasks Database Backend)\b"
)


def visible_text(html: str) -> str:
    return unescape(TAG.sub(" ", html))


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("kk", "Aimaq басқару панелі"),
        ("ru", "Панель управления Aimaq"),
        ("en", "Aimaq back office"),
    ],
)
def test_admin_is_branded_aimaq_in_each_language(client, db, language, header):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = language
    html = client.get("/admin/").content.decode()
    assert f'<a href="/admin/">{header}</a>' in html
    assert "Django" not in visible_text(html)
    assert re.search(r"<title>[^<]*Aimaq[^<]*</title>", html)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_admin_shows_no_english_label(client, tree, language):
    organisation = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_kk="Нұра әкімдігі"
    )
    person = UserFactory(organisation=organisation)
    RoleGrant.objects.create(user=person, role=Role.EDITOR, territory=tree["nura"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = language

    pages: dict[str, str] = {}
    walk(client, limit=60, pages=pages)

    english = {}
    for url, html in pages.items():
        if found := sorted(set(ENGLISH.findall(visible_text(html)))):
            english[url] = found
    assert len(pages) > 20
    assert not english
