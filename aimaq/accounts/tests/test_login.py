from django.conf import settings
from django.urls import reverse

from aimaq.testing.people import PASSWORD, UserFactory


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_shows_a_form_with_csrf_token(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert b'name="password"' in response.content


def test_good_login_signs_in_and_redirects(client, db):
    person = UserFactory()
    response = sign_in(client, person.username)
    assert response.status_code == 302
    assert response.url == reverse("portal:home")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_login_switches_interface_to_preferred_language(client, db):
    person = UserFactory(preferred_language="kk")
    response = sign_in(client, person.username)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    page = client.get(reverse("accounts:me"))
    assert page.wsgi_request.LANGUAGE_CODE == "kk"


def test_login_without_preferred_language_leaves_language_alone(client, db):
    person = UserFactory(preferred_language="")
    response = sign_in(client, person.username)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_wrong_password_is_refused_with_the_form_again(client, db):
    person = UserFactory()
    response = sign_in(client, person.username, "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_follows_a_safe_next_url_only(client, db):
    person = UserFactory()
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": person.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("portal:home")


def test_logout_by_post_signs_out(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_logout_by_get_is_refused(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert "_auth_user_id" in client.session
