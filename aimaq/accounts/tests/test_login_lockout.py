from django.conf import settings
from django.urls import reverse

from aimaq.testing.people import PASSWORD, UserFactory


def attempt(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account(client, db):
    person = UserFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert settings.AXES_FAILURE_LIMIT == 5
    responses = [attempt(client, person.username, "wrong") for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429

    right = attempt(client, person.username, PASSWORD)

    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "accounts/locked_out.html" in [t.name for t in right.templates]
    assert b"try again in 15 minutes" in right.content


def test_locked_page_speaks_the_readers_language(client, db, settings):
    person = UserFactory()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    for _ in range(5):
        attempt(client, person.username, "wrong")
    response = attempt(client, person.username, PASSWORD)
    assert response.status_code == 429
    assert response.wsgi_request.LANGUAGE_CODE == "ru"
    assert b'lang="ru"' in response.content
    assert "Повторить попытку можно через 15 минут" in response.content.decode()


def test_lockout_is_per_username_others_still_sign_in(client, db):
    locked, other = UserFactory(), UserFactory()
    for _ in range(5):
        attempt(client, locked.username, "wrong")
    response = attempt(client, other.username, PASSWORD)
    assert response.status_code == 302


def test_success_before_the_limit_resets_the_count(client, db):
    person = UserFactory()
    for _ in range(4):
        attempt(client, person.username, "wrong")
    assert attempt(client, person.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, person.username, "wrong")
    assert attempt(client, person.username, PASSWORD).status_code == 302
