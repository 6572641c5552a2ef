"""The language a person chose is the one they read: signing in keeps it, and the switcher
stores it for their next sign-in elsewhere."""

from django.conf import settings
from django.urls import reverse

from aimaq.accounts.models import User
from aimaq.testing.people import PASSWORD, UserFactory


def choose_language(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_signing_in_keeps_the_language_just_chosen_over_the_stored_one(client, db):
    person = UserFactory(preferred_language="kk")
    choose_language(client, "en")

    response = client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # not switched back to kk
    page = client.get(reverse("accounts:me"))
    assert page.wsgi_request.LANGUAGE_CODE == "en"
    assert "My roles" in page.content.decode()


def test_switcher_stores_the_choice_of_a_signed_in_person(client, db):
    person = UserFactory(preferred_language="kk")
    client.force_login(person)

    response = choose_language(client, "ru", "/accounts/me/")

    assert response.status_code == 302
    assert response.url == "/accounts/me/"
    person.refresh_from_db()
    assert person.preferred_language == "ru"
    assert person.history.first().history_user == person


def test_next_sign_in_on_another_browser_uses_the_stored_choice(client, db, django_user_model):
    person = UserFactory(preferred_language="kk")
    client.force_login(person)
    choose_language(client, "en")
    client.logout()
    client.cookies.clear()

    response = client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_switcher_for_a_visitor_changes_no_account(client, db):
    person = UserFactory(preferred_language="kk")
    choose_language(client, "en")
    assert User.objects.get(pk=person.pk).preferred_language == "kk"


def test_unknown_language_is_not_stored(client, db):
    person = UserFactory(preferred_language="kk")
    client.force_login(person)
    choose_language(client, "xx")
    person.refresh_from_db()
    assert person.preferred_language == "kk"
