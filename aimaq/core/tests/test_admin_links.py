"""The back office shows no link its user may not follow: a scoped official walking every
admin link from the index never meets a refusal (403) or a missing page (404)."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from aimaq.accounts.groups import ensure_officials_group
from aimaq.accounts.models import Organisation, OrganisationKind, Role, RoleGrant
from aimaq.testing.people import UserFactory

HREF = re.compile(r'href="([^"#]+)"')
# Links that change something or leave the site, and filter/sort variants of a list.
SKIPPED = re.compile(r"/logout/|\?|/delete/$|/history/\d+/$")


def admin_links(html: str, base: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        url = urljoin(base, href.replace("&amp;", "&"))
        path = urlsplit(url).path
        if (path.startswith("/admin/") or path.startswith("/media/")) and not SKIPPED.search(url):
            found.add(url)
    return found


def walk(client, start: str = "/admin/", limit: int = 120, pages=None) -> dict[str, int]:
    """Follows the admin's links from `start`: the status of each page reached. The HTML of
    each page read is kept in `pages` when a dict is given."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            html = response.content.decode()
            if pages is not None:
                pages[url] = html
            queue += sorted(admin_links(html, url) - set(seen))
    return seen


@pytest.fixture
def scoped_staff(tree):
    officials = ensure_officials_group()
    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT, territory=tree["nura"], name_en="Akimat of Nura"
    )

    def make(role: str, unit: str):
        person = UserFactory.create(is_staff=True, organisation=akimat)
        person.groups.add(officials)
        RoleGrant.objects.create(user=person, role=role, territory=tree[unit])
        return person

    return make


@pytest.mark.parametrize(("role", "unit"), [(Role.ADMIN, "karaganda"), (Role.EDITOR, "nura")])
def test_scoped_official_meets_no_refused_link(client, tree, scoped_staff, role, unit):
    official = scoped_staff(role, unit)
    UserFactory(organisation=Organisation.objects.get())  # a person to open
    client.force_login(official)

    statuses = walk(client)

    assert statuses["/admin/"] == 200
    assert len(statuses) > 5
    refused = {url: code for url, code in statuses.items() if code in (403, 404)}
    assert not refused
