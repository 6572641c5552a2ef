"""What apps register from their `ready()` reaches the lower layers' pages and commands,
and core itself names no app above it."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import RequestFactory
from django.urls import resolve

from aimaq.accounts.groups import OFFICIALS, ensure_officials_group
from aimaq.accounts.models import Role
from aimaq.core import registries
from aimaq.testing.people import UserFactory, user_with_role

CORE = Path(registries.__file__).parent


@pytest.fixture
def scratch_registry(monkeypatch):
    """Registrations made by a test vanish after it."""
    for name in ("_NAV", "_SECTIONS", "_OFFICIALS"):
        monkeypatch.setattr(registries, name, dict(getattr(registries, name)))


def request_for(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return request


def labels(request) -> list[str]:
    return [link.label for link in registries.nav_links(request)]


def test_core_imports_no_app_above_it():
    offenders = []
    for path in CORE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [
                f"{path.relative_to(CORE)}: {name}"
                for name in names
                if name.startswith("aimaq.") and not name.startswith("aimaq.core")
            ]
    assert not offenders


def test_visitors_see_the_public_sections_and_staff_the_admin(db):
    # The first apps' entries lead; process apps add theirs after them.
    visitor = labels(request_for(AnonymousUser()))
    assert visitor[:2] == ["Territories", "Indicators"]
    assert "Admin" not in visitor
    staff = UserFactory(is_staff=True)
    assert labels(request_for(staff)) == [*visitor, "Admin"]


def test_the_entry_of_the_section_shown_is_current(db):
    links = registries.nav_links(request_for(AnonymousUser(), "/indicators/"))
    assert [link.label for link in links if link.is_current] == ["Indicators"]


def test_base_page_draws_the_registered_links(client, db):
    html = client.get("/territories/").content.decode()
    assert '<a href="/territories/" aria-current="page">Territories</a>' in html
    assert '<a href="/indicators/">Indicators</a>' in html
    assert "/admin/" not in html


def test_an_entry_for_an_action_shows_to_those_whose_role_grants_it(tree, scratch_registry):
    registries.register_nav_entry(
        "import", "Import", "indicators:import", order=30, visible_to="indicators.change"
    )
    viewer = user_with_role(Role.VIEWER, tree["nura"])
    editor = user_with_role(Role.EDITOR, tree["nura"])
    assert "Import" not in labels(request_for(AnonymousUser()))
    assert "Import" not in labels(request_for(viewer))
    assert "Import" in labels(request_for(editor))


def test_an_undeclared_action_cannot_hide_an_entry(scratch_registry):
    with pytest.raises(LookupError):
        registries.register_nav_entry("x", "X", "indicators:list", visible_to="indicators.typo")


def test_territory_page_shows_the_sections_apps_registered(client, tree, scratch_registry):
    registries.register_section(
        "territory", "plans", "includes/crumb.html", lambda request, unit: {"label": "Plans here"}
    )
    registries.register_section(
        "territory", "hidden", "includes/crumb.html", lambda request, unit: None
    )
    html = client.get(f"/territories/{tree['nura'].kato}/").content.decode()
    assert f'<a class="button" href="/indicators/profile/{tree["nura"].kato}/">Figures</a>' in html
    assert "Plans here" in html
    assert html.count('aria-current="page">') >= 1


def test_demo_loaders_follow_installed_apps_order():
    assert [loader.app for loader in registries.demo_loaders()][:4] == [
        "territories",
        "territories",
        "accounts",
        "indicators",
    ]


def test_officials_get_what_each_app_registered(db, scratch_registry):
    registries.grant_officials("indicators", "view_importrun")
    group = ensure_officials_group()
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("territories", "change_territory") in granted
    assert ("accounts", "add_rolegrant") in granted
    assert ("indicators", "view_importrun") in granted
    assert Group.objects.filter(name=OFFICIALS).count() == 1


def test_migrate_gives_officials_their_permissions(db):
    group = Group.objects.get(name=OFFICIALS)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert set(registries.official_permissions()) <= granted


def test_every_app_names_pages_for_the_accessibility_check():
    public = [p.path for p in registries.checked_pages(registries.PUBLIC) if not p.build]
    official = [p.path for p in registries.checked_pages(registries.OFFICIAL) if not p.build]
    assert "/territories/350000000/" in public
    assert "/accounts/grants/350000000/" in official
    assert any(path.startswith("/indicators/") for path in public)
