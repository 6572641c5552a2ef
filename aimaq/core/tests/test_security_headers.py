"""Every response carries a Content-Security-Policy and `X-Content-Type-Options: nosniff`:
pages get the page policy, anything else a policy under which a file opened on its own in
the browser runs nothing."""

import pytest
from django.test import Client

from aimaq.core.middleware import policy_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, content_type",
    [
        ("/", "text/html"),
        ("/territories/999999999/", "text/html"),  # an error page
        ("/static/core/map.js", "text/javascript"),  # WhiteNoise answers before any view
        ("/static/core/site.css", "text/css"),
        ("/api/territories/", "application/json"),
        ("/api/openapi.json", "application/json"),
    ],
)
def test_every_kind_of_response_carries_a_policy_and_nosniff(client: Client, url, content_type):
    response = client.get(url)
    assert response["Content-Type"].startswith(content_type)
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    if content_type == "text/html":
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
    else:
        assert policy.startswith("default-src 'none'") and "sandbox" in policy


def test_a_redirect_carries_them_too(client: Client):
    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"]


def test_an_svg_opened_on_its_own_may_style_itself_but_run_nothing():
    policy = policy_for("image/svg+xml")
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "script-src" not in policy and "style-src 'unsafe-inline'" in policy


def test_downloads_and_data_get_the_strict_policy():
    for content_type in (
        "text/csv; charset=utf-8",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/geo+json",
        "application/json",
        "",
    ):
        assert policy_for(content_type) == "default-src 'none'; frame-ancestors 'none'; sandbox"


@pytest.mark.parametrize("url", ["/", "/static/core/site.css"])
def test_not_modified_leaves_the_kept_copys_policy_alone(client: Client, url):
    first = client.get(url)
    validators = {"If-None-Match": first["ETag"]} if first.has_header("ETag") else {}
    if first.has_header("Last-Modified"):
        validators["If-Modified-Since"] = first["Last-Modified"]
    assert validators, "the answer can be revalidated"

    again = client.get(url, headers=validators)

    assert again.status_code == 304
    # The browser merges a 304's headers into its copy: a strict policy here would take the
    # page's style sheet and scripts away on the next visit.
    assert not again.has_header("Content-Security-Policy")
