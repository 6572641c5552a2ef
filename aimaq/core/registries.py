"""Registries that apps fill from their own `AppConfig.ready()`, so that the lower layers
never name the apps above them.

An app adds itself to the platform by registering, in its `ready()`:

- a **navigation entry** (`register_nav_entry`): a link in the site header;
- **page sections** (`register_section`): its part of another app's page, such as the
  "Figures" button and section of the territory page;
- a **demo loader** (`register_demo_loader`): what `manage.py seed_demo` loads for it;
- the **admin permissions officials get** (`grant_officials`): Django model permissions of its
  models given to the "Officials" group (the admin then narrows rows with `can()`);
- **protected files** (`register_protected_file`): uploaded files served at MEDIA_URL only to
  people whom `can()` allows the named action on the object that holds the file;
- **pages the accessibility check visits** (`register_checked_page`): read by the axe-core
  browser test, so a new app's pages are checked by adding them in its own code.

Registering the same key again replaces the entry, so a `ready()` that runs twice adds
nothing twice. Every list comes out in a stable order (an explicit `order`, then the key; demo
loaders in INSTALLED_APPS order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from aimaq.core.permissions import action_spec, roots_where

# Who sees a navigation entry: everyone, staff (the admin), or a declared action ("app.verb").
EVERYONE = "everyone"
STAFF = "staff"


# --- navigation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NavEntry:
    """A link in the site header's main navigation."""

    key: str
    label: str | Promise
    url_name: str
    order: int = 100
    # EVERYONE, STAFF, or an action: shown to those who may do it somewhere (everyone for a
    # public action such as viewing, else those whose role grants it, superusers included).
    visible_to: str = EVERYONE
    # The URL namespaces (`request.resolver_match.app_name`) under which the entry is the
    # current section (`aria-current="page"`); by default the url name's own namespace.
    current_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class NavLink:
    """A navigation entry as one visitor sees it."""

    label: str
    url: str
    is_current: bool


_NAV: dict[str, NavEntry] = {}


def register_nav_entry(
    key: str,
    label: str | Promise,
    url_name: str,
    *,
    order: int = 100,
    visible_to: str = EVERYONE,
    current_for: Iterable[str] | None = None,
) -> NavEntry:
    """Add (or replace) the header link `key`: `label` pointing at `reverse(url_name)`.

    `visible_to` is EVERYONE, STAFF or a declared action (an undeclared one raises, so a typo
    cannot hide a link for good); `current_for` lists the URL namespaces whose pages mark the
    link current (default: the namespace of `url_name`)."""
    if visible_to not in (EVERYONE, STAFF):
        action_spec(visible_to)
    if current_for is None:
        current_for = (url_name.split(":", 1)[0],) if ":" in url_name else ()
    entry = NavEntry(key, label, url_name, order, visible_to, tuple(current_for))
    _NAV[key] = entry
    return entry


def nav_entries() -> list[NavEntry]:
    """Every registered entry, by `order` then key."""
    return sorted(_NAV.values(), key=lambda entry: (entry.order, entry.key))


def may_see(user: Any, visible_to: str) -> bool:
    """Whether `user` (anonymous included) sees an entry registered with `visible_to`."""
    if visible_to == EVERYONE:
        return True
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return visible_to != STAFF and action_spec(visible_to).public
    if visible_to == STAFF:
        return bool(user.is_staff)
    return action_spec(visible_to).public or bool(roots_where(user, visible_to))


def nav_links(request: HttpRequest) -> list[NavLink]:
    """The header links `request.user` may see, each with its URL and whether the page being
    shown belongs to it. Entries whose URL is not installed are left out."""
    match = getattr(request, "resolver_match", None)
    namespace = getattr(match, "app_name", "") or ""
    links = []
    for entry in nav_entries():
        if not may_see(request.user, entry.visible_to):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        links.append(
            NavLink(str(entry.label), url, bool(namespace) and namespace in entry.current_for)
        )
    return links


# --- page sections -------------------------------------------------------------------------

# Where a section goes on its page: a button beside the title, or a block of the page.
ACTIONS = "actions"
MAIN = "main"


@dataclass(frozen=True)
class PageSection:
    """An app's part of another app's page (the page names itself, e.g. "territory").

    `template` is rendered with the page's object under `object` and under the page's name,
    plus what `context(request, obj)` returns; when `context` returns None the section is
    left out (nothing to show, or not for this visitor)."""

    page: str
    key: str
    template: str
    context: Callable[[HttpRequest, Any], dict | None] | None = None
    order: int = 100
    slot: str = MAIN


_SECTIONS: dict[tuple[str, str], PageSection] = {}


def register_section(
    page: str,
    key: str,
    template: str,
    context: Callable[[HttpRequest, Any], dict | None] | None = None,
    *,
    order: int = 100,
    slot: str = MAIN,
) -> PageSection:
    """Add (or replace) section `key` on `page`, in `slot` (ACTIONS or MAIN)."""
    if slot not in (ACTIONS, MAIN):
        raise ValueError(f"A section goes in {ACTIONS!r} or {MAIN!r}, not {slot!r}")
    section = PageSection(page, key, template, context, order, slot)
    _SECTIONS[(page, key)] = section
    return section


def page_sections(page: str, slot: str = MAIN) -> list[PageSection]:
    """The sections registered for `page` in `slot`, by `order` then key."""
    found = [s for s in _SECTIONS.values() if s.page == page and s.slot == slot]
    return sorted(found, key=lambda section: (section.order, section.key))


def render_sections(
    request: HttpRequest, page: str, obj: Any, slot: str = MAIN
) -> list[SafeString]:
    """Each section of `page` in `slot` rendered for `request` and the page's object `obj`."""
    rendered = []
    for section in page_sections(page, slot):
        extra = section.context(request, obj) if section.context else {}
        if extra is None:
            continue
        context = {"object": obj, page: obj, **extra}
        rendered.append(mark_safe(render_to_string(section.template, context, request)))
    return rendered


# --- demo loaders --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOutcome:
    """What a demo loader did: a one-line summary and, for people, the demo logins."""

    summary: str
    logins: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoLoader:
    app: str
    label: str
    path: str

    def load(self) -> str | DemoOutcome:
        loader: Callable[[], str | DemoOutcome] = import_string(self.path)
        return loader()


_DEMO: dict[tuple[str, str], DemoLoader] = {}


def register_demo_loader(label: str, path: str) -> DemoLoader:
    """Let `manage.py seed_demo` run the function at the dotted `path` under `label`
    ("territories", "people"); it is imported only when the demo is loaded.

    The function creates what is missing and leaves the rest alone (the demo may be loaded
    again) and returns a summary line or a DemoOutcome. Loaders run in INSTALLED_APPS order
    (the order of the layers: an app's demo may use the demo of the apps below it), in one
    transaction."""
    config = apps.get_containing_app_config(path.rsplit(".", 1)[0])
    if config is None:
        raise ValueError(f"{path} is in no installed app")
    loader = DemoLoader(config.label, label, path)
    _DEMO[(config.label, label)] = loader
    return loader


def demo_loaders() -> list[DemoLoader]:
    """Every loader, in INSTALLED_APPS order, then in the order each app registered them."""
    position = {config.label: index for index, config in enumerate(apps.get_app_configs())}
    keys = list(_DEMO)
    return sorted(
        _DEMO.values(),
        key=lambda loader: (
            position.get(loader.app, len(position)),
            keys.index((loader.app, loader.label)),
        ),
    )


# --- officials' admin permissions ----------------------------------------------------------

_OFFICIALS: dict[tuple[str, str], None] = {}


def grant_officials(app_label: str, *codenames: str) -> None:
    """Give the "Officials" group these model permissions of `app_label`
    ("view_territory", "change_territory" …). They say which kinds of objects officials may
    open in the admin; each admin class narrows the rows to the person's scope with `can()`."""
    for codename in codenames:
        _OFFICIALS[(app_label, codename)] = None


def official_permissions() -> list[tuple[str, str]]:
    """(app label, codename) of every permission registered for officials."""
    return list(_OFFICIALS)


# --- protected files -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectedFile:
    model: type[Model]
    field: str
    action: str


_FILES: dict[tuple[type[Model], str], ProtectedFile] = {}


def register_protected_file(model: type[Model], field: str, action: str) -> ProtectedFile:
    """Serve the files stored in `model.<field>` at MEDIA_URL to those who may `action` the
    object holding them (`can(user, action, obj)`); a file no registration names is never
    served."""
    action_spec(action)
    entry = ProtectedFile(model, field, action)
    _FILES[(model, field)] = entry
    return entry


def protected_files() -> list[ProtectedFile]:
    return list(_FILES.values())


# --- pages the accessibility check visits --------------------------------------------------

PUBLIC = "public"
OFFICIAL = "official"


# A data builder of a checked page: given the shared test tree (`small_tree()`'s mapping
# of names to territories) and, on OFFICIAL pages, the person the check signs in as (None on
# PUBLIC pages), it writes the objects the page shows and returns the URL's arguments.
CheckedPageBuilder = Callable[[Mapping[str, Any], Any], Sequence[object]]


@dataclass(frozen=True)
class CheckedPage:
    """A page for the axe-core check (aimaq/portal/tests/e2e/test_accessibility_*.py).

    `args` refer to the shared test data (`aimaq.testing.territories.small_tree`: the country
    000000000, Karaganda oblast 350000000, Nura rayon 355200000 …); `audience` OFFICIAL pages
    are visited signed in as an administrator of Karaganda oblast. A page about objects of
    the app's own (a competition, an application) names a `build` instead: the check calls
    it in its database, after the shared tree and the signed-in person exist, and visits
    the page at the arguments it returns."""

    url_name: str
    args: tuple[str, ...] = ()
    query: str = ""
    audience: str = PUBLIC
    build: CheckedPageBuilder | None = None

    @property
    def path(self) -> str:
        """The page's address, for a page without a builder."""
        if self.build is not None:
            raise ValueError(f"{self.url_name} is built: ask path_for(tree, person)")
        return self._address(self.args)

    def path_for(self, tree: Mapping[str, Any], person: Any = None) -> str:
        """The page's address, its data written first when it has a builder."""
        if self.build is None:
            return self.path
        return self._address(tuple(str(arg) for arg in self.build(tree, person)))

    def _address(self, args: Sequence[str]) -> str:
        url = reverse(self.url_name, args=list(args) or None)
        return f"{url}?{self.query}" if self.query else url


_CHECKED: dict[tuple[str, tuple[str, ...], str, str, str], CheckedPage] = {}


def register_checked_page(
    url_name: str,
    *args: str,
    query: str = "",
    audience: str = PUBLIC,
    build: CheckedPageBuilder | None = None,
) -> CheckedPage:
    """Have the accessibility check visit `reverse(url_name, args)` (+ `?query`) in each
    interface language, anonymously (PUBLIC) or signed in (OFFICIAL). With `build`
    (`build(tree, person) -> args`, a function of the app's own, not of its tests) the
    arguments come from the objects it writes on top of the shared test data."""
    if audience not in (PUBLIC, OFFICIAL):
        raise ValueError(f"audience is {PUBLIC!r} or {OFFICIAL!r}, not {audience!r}")
    if build is not None and args:
        raise ValueError("a built page takes its arguments from its builder")
    page = CheckedPage(url_name, tuple(args), query, audience, build)
    builder = f"{build.__module__}.{build.__qualname__}" if build is not None else ""
    _CHECKED[(url_name, page.args, query, audience, builder)] = page
    return page


def checked_pages(audience: str = PUBLIC) -> list[CheckedPage]:
    return [page for page in _CHECKED.values() if page.audience == audience]


__all__ = [
    "ACTIONS",
    "EVERYONE",
    "MAIN",
    "OFFICIAL",
    "PUBLIC",
    "STAFF",
    "CheckedPage",
    "CheckedPageBuilder",
    "DemoLoader",
    "DemoOutcome",
    "NavEntry",
    "NavLink",
    "PageSection",
    "ProtectedFile",
    "checked_pages",
    "demo_loaders",
    "grant_officials",
    "may_see",
    "nav_entries",
    "nav_links",
    "official_permissions",
    "page_sections",
    "protected_files",
    "register_checked_page",
    "register_demo_loader",
    "register_nav_entry",
    "register_protected_file",
    "register_section",
    "render_sections",
]
