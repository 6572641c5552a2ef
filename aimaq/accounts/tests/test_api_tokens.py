"""Personal API tokens: made on "My API tokens", shown once, stored as a digest, acting as
their owner until they expire, are revoked or the owner's account is closed."""

import hashlib
import logging
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aimaq.accounts.models import Role
from aimaq.accounts.tokens import ApiToken, create_token, revoke_token
from aimaq.indicators.models import ImportRun
from aimaq.testing.people import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"aimaq_[A-Za-z0-9_-]{43}")


def make_token_on_the_page(client, name="Statistics office sync", **fields) -> tuple[str, str]:
    response = client.post(reverse("accounts:tokens"), {"name": name, **fields})
    html = response.content.decode()
    assert response.status_code == 201, html
    found = TOKEN.search(html)
    assert found, html
    return found.group(0), html


def status_of(client: Client, secret: str, run: ImportRun) -> int:
    return client.get(
        f"/api/indicators/imports/{run.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    ).status_code


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def run_of(person):
    return ImportRun.objects.create(file_name="x.csv", file_format="csv", created_by=person)


def test_my_roles_links_to_my_api_tokens(client, person):
    html = client.get(reverse("accounts:me"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("accounts:tokens") in html and "My API tokens" in html


def test_token_pages_need_sign_in(client, db):
    response = Client().get(reverse("accounts:tokens"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_new_token_is_shown_once_and_only_its_digest_is_stored(client, person):
    secret, html = make_token_on_the_page(client)
    token = ApiToken.objects.get(user=person)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(token.prefix) < 16
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert not any(secret in value for value in stored)
    listing = client.get(reverse("accounts:tokens")).content.decode()
    assert secret not in listing
    assert token.prefix in listing and "Statistics office sync" in listing


def test_the_page_that_shows_the_secret_is_never_cached(client, person):
    response = client.post(reverse("accounts:tokens"), {"name": "sync"})
    assert "no-store" in response["Cache-Control"]


def test_a_token_acts_as_its_owner(client, person, run_of):
    secret, _html = make_token_on_the_page(client)
    anonymous = Client()
    response = anonymous.get(
        f"/api/indicators/imports/{run_of.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200 and response.json()["id"] == run_of.pk
    # Someone else's token sees what its own owner sees: not this run.
    _token, other_secret = create_token(UserFactory(), name="other")
    assert status_of(anonymous, other_secret, run_of) == 404


def test_last_used_moves_when_the_token_is_used(client, person, run_of):
    token, secret = create_token(person, name="sync")
    assert token.last_used_at is None
    before = timezone.now()
    assert status_of(Client(), secret, run_of) == 200
    token.refresh_from_db()
    assert token.last_used_at >= before
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=before - timedelta(hours=2))
    assert status_of(Client(), secret, run_of) == 200
    token.refresh_from_db()
    assert token.last_used_at >= before


def test_a_revoked_token_answers_401_and_not_the_session(client, person, run_of):
    token, secret = create_token(person, name="sync")
    revoke_token(token)
    # Even with the owner's session cookie, a bad token is judged alone.
    response = client.get(
        f"/api/indicators/imports/{run_of.pk}",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_answers_401(client, person, run_of):
    token, secret = create_token(person, name="sync", expires_on=timezone.localdate())
    assert status_of(Client(), secret, run_of) == 200  # it works through its last day
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert status_of(Client(), secret, run_of) == 401


def test_a_deactivated_owners_token_answers_401(client, person, run_of):
    _token, secret = create_token(person, name="sync")
    person.is_active = False
    person.save()
    assert status_of(Client(), secret, run_of) == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer aimaq_nonsense", "Bearer " + "aimaq_" + "x" * 43, "Token abc", "Bearer"],
)
def test_a_wrong_or_malformed_token_answers_401(client, person, run_of, header):
    response = Client().get(f"/api/indicators/imports/{run_of.pk}", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert set(response.json()) >= {"detail"}


def test_revoking_asks_for_confirmation_first(client, person, run_of):
    token, secret = create_token(person, name="sync")
    url = reverse("accounts:token_revoke", args=[token.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "cannot be undone" in page and 'method="post"' in page
    token.refresh_from_db()
    assert token.revoked_at is None and status_of(Client(), secret, run_of) == 200
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None and status_of(Client(), secret, run_of) == 401
    listing = client.get(reverse("accounts:tokens"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "revoked" in listing


def test_nobody_revokes_anothers_token(client, person):
    token, _secret = create_token(UserFactory(), name="theirs")
    url = reverse("accounts:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_name_in_use_or_a_past_expiry_is_refused_with_a_message(client, person):
    make_token_on_the_page(client, name="sync")
    response = client.post(reverse("accounts:tokens"), {"name": "sync"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "already have a token named" in response.content.decode()
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("accounts:tokens"),
        {"name": "old", "expires_on": yesterday.isoformat()},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400 and "Дата окончания уже прошла" in response.content.decode()
    assert ApiToken.objects.filter(user=person).count() == 1


def test_token_pages_speak_kazakh(client, person):
    html = client.get(reverse("accounts:tokens"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "API токендерім" in html


def test_tokens_and_authorization_headers_never_reach_a_log(client, person, run_of, caplog):
    token, secret = create_token(person, name="sync")
    caplog.set_level(logging.DEBUG)
    anonymous = Client()
    status_of(anonymous, secret, run_of)
    anonymous.post(
        "/api/indicators/observations",
        data=b"[{]",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    revoke_token(token)
    status_of(anonymous, secret, run_of)
    anonymous.get(f"/api/indicators/imports/{run_of.pk}", HTTP_AUTHORIZATION=f"Basic {secret}")
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    assert secret not in logged and secret[len("aimaq_") :] not in logged
    assert "Authorization" not in logged and "HTTP_AUTHORIZATION" not in logged


def test_the_back_office_lists_tokens_read_only_within_scope(client, tree):
    admin = user_with_role(Role.ADMIN, tree["karaganda"], is_staff=True)
    from aimaq.accounts.models import Organisation

    here = Organisation.objects.create(kind="akimat", name_en="Nura akimat", territory=tree["nura"])
    there = Organisation.objects.create(
        kind="akimat", name_en="Glubokoe akimat", territory=tree["glubokoe"]
    )
    mine, _ = create_token(UserFactory(organisation=here), name="in scope")
    theirs, _ = create_token(UserFactory(organisation=there), name="out of scope")
    from django.contrib.auth.models import Permission

    admin.user_permissions.add(Permission.objects.get(codename="view_apitoken"))
    client.force_login(admin)
    listing = client.get(reverse("admin:accounts_apitoken_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "in scope" in html and "out of scope" not in html
    assert client.get(reverse("admin:accounts_apitoken_change", args=[mine.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_apitoken_change", args=[theirs.pk])).status_code in (
        302,
        403,
        404,
    )
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    delete = client.post(reverse("admin:accounts_apitoken_delete", args=[mine.pk]), {"post": "yes"})
    assert delete.status_code == 403 and ApiToken.objects.filter(pk=mine.pk).exists()
