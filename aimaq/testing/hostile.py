"""Hostile names: every name a person can store is filled with markup, quotes and a formula,
then every page, chart, map, export and API answer that shows it is read back.

One place for every app. An app adds its part in `<app>/tests/hostile.py` with two functions:

    def build(world: dict) -> None:          # store objects whose names are `hostile(...)`
    def targets(world: dict) -> list[Target]  # the URLs that show them, and what each returns

They are found in INSTALLED_APPS order (`contributions()`), so an app's `build` sees what the
apps below it stored. `world["admin"]` is a superuser (with hostile names of its own) for
pages that need a signed-in person; every model instance listed in `world["objects"]` is
also opened in the admin (its list and its change form).

What "inert" means, per kind of answer:
- html: no element carries an event-handler attribute or a `javascript:` link, no script
  has inline code (JSON data islands must keep `<` escaped), and every text or attribute
  value that holds the payload holds it whole (so no quote ended an attribute early);
- svg: well-formed XML, no script, foreignObject, link or handler, the payload whole;
- json: JSON, the payload whole in the values;
- csv/xlsx: no cell a spreadsheet reads as a formula, names still legible.
Every answer also carries a Content-Security-Policy and `X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse

# Closes a double- or single-quoted attribute, opens a tag, starts an entity, runs script.
PAYLOAD = "\"'<&><script>xss()</script><svg onload=xss()>"
MARKER = "xss()"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def hostile(tag: str) -> str:
    """A name that starts like a spreadsheet formula and carries the payload; `tag` says
    which field it is, so a failure names the field ("=Hostile-t.en \"'<&>…")."""
    return f"=Hostile-{tag} {PAYLOAD}"


@dataclass(frozen=True)
class Target:
    """A URL that shows hostile names, and what it answers."""

    url: str
    kind: str  # "html" | "svg" | "json" | "csv" | "xlsx"
    signed_in: bool = False  # opened by world["admin"]
    method: str = "get"


def contributions() -> list[ModuleType]:
    """Each installed Aimaq app's `tests/hostile.py`, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("aimaq.") or config.name == "aimaq.core":
            continue  # core stores no names
        name = f"{config.name}.tests.hostile"
        try:
            found.append(import_module(name))
        except ModuleNotFoundError as error:
            if error.name is None or not name.startswith(error.name):
                raise  # the module exists but fails to import
    return found


def build_world() -> dict[str, Any]:
    """The superuser, then every app's hostile objects."""
    admin_user = get_user_model().objects.create_superuser(
        username="hostile-admin",
        password="not-used-anywhere-4821",
        first_name=hostile("user.first")[:150],
        last_name=hostile("user.last")[:150],
    )
    world: dict[str, Any] = {"admin": admin_user, "objects": [admin_user]}
    for module in contributions():
        module.build(world)
    return world


def all_targets(world: dict[str, Any]) -> list[Target]:
    """Every app's targets, then the admin list and change form of every stored object."""
    targets: list[Target] = []
    for module in contributions():
        targets += module.targets(world)
    return targets + admin_targets(world["objects"])


def admin_targets(objects: list[models.Model]) -> list[Target]:
    targets = []
    for obj in objects:
        model = type(obj)
        if model not in admin.site._registry:
            continue
        meta = model._meta
        try:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        targets += [Target(change, "html", signed_in=True), Target(changelist, "html", True)]
    return list(dict.fromkeys(targets))


# --- reading the answers back ----------------------------------------------------------------


def problems(client: Client, target: Target) -> list[str]:
    """What is wrong with the answer to `target`; [] when the names stay inert."""
    response = getattr(client, target.method)(target.url)
    where = f"{target.kind} {target.url}"
    if response.status_code != 200:
        return [f"{where}: status {response.status_code}"]
    found = [f"{where}: {p}" for p in header_problems(response, target.kind)]
    body = response.content
    checker = {
        "html": html_problems,
        "svg": svg_problems,
        "json": json_problems,
        "csv": csv_problems,
        "xlsx": xlsx_problems,
    }[target.kind]
    found += [f"{where}: {p}" for p in checker(body)]
    return found


def header_problems(response, kind: str) -> list[str]:
    found = []
    if response.get("X-Content-Type-Options") != "nosniff":
        found.append("no X-Content-Type-Options: nosniff")
    policy = response.get("Content-Security-Policy", "")
    if not policy:
        found.append("no Content-Security-Policy")
    elif kind == "html" and "script-src 'self'" not in policy:
        found.append(f"page policy allows foreign or inline script: {policy}")
    elif kind != "html" and "default-src 'none'" not in policy:
        found.append(f"{kind} policy is not strict: {policy}")
    return found


def _payload_checks(texts: list[str]) -> list[str]:
    """Each text that holds the marker holds the whole payload; at least one does."""
    found = [
        f"payload broken apart: {text[:120]!r}"
        for text in texts
        if MARKER in text and PAYLOAD not in text
    ]
    if not any(PAYLOAD in text for text in texts):
        found.append("no hostile name shown whole (does this answer still show names?)")
    return found


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.found: list[str] = []
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=…> event handler in the page")
            if value is not None:
                self.texts.append(value)
                if value.strip().lower().startswith("javascript:"):
                    self.found.append(f"<{tag} {name}={value[:40]!r}> script link")
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_type = None

    def handle_data(self, data: str) -> None:
        if self._script_type is None:
            self.texts.append(data)
        elif self._script_type == "application/json":
            if "<" in data:
                self.found.append("unescaped < in a JSON data island")
        elif data.strip():
            self.found.append(f"inline script: {data.strip()[:80]!r}")


def html_problems(body: bytes) -> list[str]:
    page = _Page()
    page.feed(body.decode("utf-8"))
    page.close()
    return page.found + _payload_checks(page.texts)


def svg_problems(body: bytes) -> list[str]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    found, texts = [], []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in {"script", "foreignobject", "a", "use", "image", "iframe"}:
            found.append(f"<{tag}> element in the image")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "href":
                found.append(f"<{tag} {local}=…> in the image")
            texts.append(value)
        texts += [element.text or "", element.tail or ""]
    return found + _payload_checks(texts)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def json_problems(body: bytes) -> list[str]:
    try:
        data = json.loads(body)
    except ValueError as error:
        return [f"not JSON: {error}"]
    return _payload_checks(list(_strings(data)))


def _cell_problems(cells: list[tuple[str, Any, bool]]) -> list[str]:
    """(where, value, is_formula) per cell: no formula, no text a spreadsheet would run."""
    found = []
    for where, value, is_formula in cells:
        if is_formula:
            found.append(f"{where}: a formula cell {str(value)[:60]!r}")
    texts = [str(value) for _where, value, _f in cells if isinstance(value, str)]
    return found + _payload_checks(texts)


def csv_problems(body: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    cells = [
        (f"row {r + 1} column {c + 1}", value, value.startswith(FORMULA_STARTS))
        for r, row in enumerate(rows)
        for c, value in enumerate(row)
    ]
    return _cell_problems(cells)


def xlsx_problems(body: bytes) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(body))
    cells = [
        (f"{sheet.title}!{cell.coordinate}", cell.value, cell.data_type == "f")
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    return _cell_problems(cells)
