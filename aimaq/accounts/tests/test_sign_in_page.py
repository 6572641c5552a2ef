"""The sign-in page as a newcomer meets it: named Aimaq, its inputs drawn by the form
renderer, a wrong password explained in the reader's language."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from aimaq.testing.people import UserFactory


@pytest.fixture
def page(client, db):
    def get(language: str = "en", **post):
        client.cookies["django_language"] = language
        url = reverse("accounts:login")
        response = client.post(url, post) if post else client.get(url)
        return response.content.decode()

    return get


@override_settings(ALLOWED_HOSTS=["demo.example"])
def test_title_and_header_say_aimaq_not_the_host_name(client, db):
    html = client.get(reverse("accounts:login"), HTTP_HOST="demo.example").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    header = re.search(r'class="site-name"[^>]*>(.*?)</a>', html).group(1)
    assert "Aimaq" in title and "demo.example" not in title
    assert header == "Aimaq"


def test_inputs_have_labels_and_required_marks(page):
    html = page()
    assert re.search(r'<label class="field__label" for="id_username">Username', html)
    assert re.search(r'<input[^>]+name="username"[^>]+required', html)
    assert html.count('class="required-mark"') == 2


def test_wrong_password_is_explained_and_tied_to_the_form(page):
    person = UserFactory()
    html = page(username=person.username, password="wrong")
    assert 'class="form-errors" role="alert"' in html
    assert "Please enter a correct username and password" in html


@pytest.mark.parametrize(
    ("language", "expected", "foreign"),
    [
        ("kk", "дұрыс", "Пожалуйста"),
        ("ru", "Пожалуйста, введите правильные", "Please"),
    ],
)
def test_wrong_password_message_is_in_the_readers_language(page, language, expected, foreign):
    person = UserFactory()
    html = page(language, username=person.username, password="wrong")
    message = re.search(r'class="errorlist nonfield">\s*<li>(.*?)</li>', html, re.S).group(1)
    assert expected in message
    assert foreign not in message
    assert message[0].isupper(), message  # a sentence, not "пайдаланушы аты мен ..."
    with translation.override(language):
        assert translation.gettext("Password") in html
