import pytest
from django.test import Client
from django.urls import reverse

from aimaq.accounts.models import Role, RoleGrant
from aimaq.testing.people import PASSWORD, UserFactory, user_with_role


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_login_without_csrf_token_is_refused(strict_client, db):
    person = UserFactory()
    response = strict_client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in strict_client.session


def test_login_with_csrf_token_works(strict_client, db):
    person = UserFactory()
    strict_client.get(reverse("accounts:login"))
    token = strict_client.cookies["csrftoken"].value
    response = strict_client.post(
        reverse("accounts:login"),
        {"username": person.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_logout_without_csrf_token_is_refused(strict_client, db):
    strict_client.force_login(UserFactory())
    assert strict_client.post(reverse("accounts:logout")).status_code == 403


def test_granting_a_role_without_csrf_token_is_refused(strict_client, tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"])
    other = UserFactory()
    strict_client.force_login(admin)
    response = strict_client.post(
        reverse("accounts:grants", args=["350000000"]),
        {"username": other.username, "role": Role.EDITOR, "kato": "355200000"},
    )
    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=other).exists()
