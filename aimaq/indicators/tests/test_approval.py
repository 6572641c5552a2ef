"""Data approval before publication: an editor's figures reach officials at once and the
public only once a manager in scope approves; every public path (pages, exports, public
API) shows approved figures only; decisions are logged."""

import csv
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from aimaq.accounts.models import Role
from aimaq.core.activity.models import ActionLogEntry
from aimaq.core.documents.readback import pdf_pages
from aimaq.indicators import approvals
from aimaq.indicators.models import ApprovalStatus, ImportApproval, ImportRun, Observation
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.indicators.tests.test_views_import import upload
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.django_db

# Nura's 2022 unemployment was 5.5: the editor's import changes it to 55.5.
CHANGED = "indicator,kato,period,value\nunemployment,355200000,2022,55.5\n"
MARKS = ("55.5", "55,5")


def import_as(client: Client, user, text: str, django_capture_on_commit_callbacks) -> ImportRun:
    client.force_login(user)
    upload(client, text)
    run = ImportRun.objects.latest("pk")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("indicators:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    return run


def public_paths(world) -> list[tuple[str, str]]:
    k, n = world["karaganda"].kato, world["nura"].kato
    units = f"t={k}&t={n}&t={world['abai'].kato}"
    compare = f"{units}&i=unemployment&period=2022"
    return [
        (f"/indicators/profile/{n}/?period=2022", "html"),
        (f"/indicators/compare/?{compare}", "html"),
        (f"/indicators/compare/export.csv?{compare}", "csv"),
        (f"/indicators/compare/export.xlsx?{compare}", "xlsx"),
        (f"/indicators/map/unemployment/?parent={k}&period=2022", "html"),
        (f"/indicators/map/unemployment/map.svg?parent={k}&period=2022", "text"),
        (f"/indicators/series/unemployment/?{units}", "html"),
        (f"/indicators/series/unemployment/chart.svg?{units}", "text"),
        (f"/indicators/series/unemployment/export.csv?{units}", "csv"),
        (f"/indicators/series/unemployment/export.xlsx?{units}", "xlsx"),
        (f"/indicators/typology/{k}/?i=unemployment&period=2022", "html"),
        (f"/territories/{n}/", "html"),
        (f"/indicators/value/unemployment/{n}/2022/", "html"),
        (f"/api/indicators/profile/{n}?period=2022", "text"),
        (f"/api/indicators/compare?{compare}", "text"),
        (f"/api/indicators/choropleth/unemployment?parent={k}&period=2022", "text"),
        (f"/api/indicators/series/unemployment?{units}", "text"),
        (f"/api/indicators/typology/{k}?i=unemployment&period=2022", "text"),
    ]


def read(response, kind: str) -> str:
    assert response.status_code == 200, response.request["PATH_INFO"]
    if kind == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            " ".join(str(c) for c in row if c is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    text = response.content.decode("utf-8-sig")
    if kind == "csv":
        return "\n".join(" ".join(row) for row in csv.reader(io.StringIO(text), delimiter=";"))
    return text


def shows_import(client: Client, path: str, kind: str) -> bool:
    return any(mark in read(client.get(path, HTTP_ACCEPT_LANGUAGE="en"), kind) for mark in MARKS)


@pytest.fixture
def editor_import(world, client, immediate_tasks, django_capture_on_commit_callbacks):
    editor = user_with_role(Role.EDITOR, world["nura"])
    run = import_as(client, editor, CHANGED, django_capture_on_commit_callbacks)
    client.logout()
    return run


def test_an_editors_import_awaits_a_manager_and_no_public_path_shows_it(
    client, world, editor_import
):
    approval = ImportApproval.objects.get(import_run=editor_import)
    assert approval.status == ApprovalStatus.PENDING and approval.figures == 1
    assert Observation.objects.get(territory=world["nura"], period="2022",
                                   indicator=world["unemployment"]).value == 55.5  # fmt: skip
    for path, kind in public_paths(world):
        assert not shows_import(client, path, kind), path
    # The public still sees the value the import replaced.
    profile = read(client.get(f"/api/indicators/profile/{world['nura'].kato}?period=2022"), "text")
    assert '"value": 5.5' in profile.replace('"value":5.5', '"value": 5.5')
    # The profile's PDF (rendered at once for a visitor) holds the replaced value only.
    pdf = client.get(f"/indicators/profile/{world['nura'].kato}/document.pdf?lang=en&period=2022")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    pdf_text = "\n".join(pdf_pages(pdf.content))
    assert "Unemployment" in pdf_text and "5.5" in pdf_text
    assert not any(mark in pdf_text for mark in MARKS)
    # The map PNG: what a visitor downloads is not what the official in scope sees…
    png = f"/indicators/map/unemployment/map.png?parent={world['karaganda'].kato}&period=2022"
    public_png = client.get(png)
    assert public_png.status_code == 200 and public_png.content.startswith(b"\x89PNG")

    manager = user_with_role(Role.MANAGER, world["karaganda"])
    client.force_login(manager)
    map_page = f"/indicators/map/unemployment/?parent={world['karaganda'].kato}&period=2022"
    assert shows_import(client, map_page, "html"), "officials in scope see it at once"
    official_png = client.get(png).content
    assert official_png != public_png.content
    approvals.approve(approval, by=manager)
    client.logout()
    # … until the manager approves: then the visitor's PNG is the official's.
    assert client.get(png).content == official_png
    for path, kind in public_paths(world):
        if "/territories/" in path or "typology" in path:
            continue  # these show no single value of Nura's
        assert shows_import(client, path, kind), path


def test_an_official_out_of_scope_does_not_see_figures_awaiting_approval(
    client, world, editor_import
):
    client.force_login(user_with_role(Role.MANAGER, world["east"]))
    assert not shows_import(
        client, f"/api/indicators/profile/{world['nura'].kato}?period=2022", "text"
    )
    approval = ImportApproval.objects.get(import_run=editor_import)
    assert client.get(reverse("indicators:approval", args=[approval.pk])).status_code == 404


def test_a_managers_own_import_is_published_at_once(
    client, world, immediate_tasks, django_capture_on_commit_callbacks
):
    manager = user_with_role(Role.MANAGER, world["karaganda"])
    run = import_as(client, manager, CHANGED, django_capture_on_commit_callbacks)
    assert ImportApproval.objects.get(import_run=run).status == ApprovalStatus.APPROVED
    client.logout()
    assert shows_import(client, f"/api/indicators/profile/{world['nura'].kato}?period=2022", "text")


def test_a_manager_returns_with_a_comment_and_withdraws_an_approval_on_the_page(
    client, world, editor_import
):
    approval = ImportApproval.objects.get(import_run=editor_import)
    url = reverse("indicators:approval", args=[approval.pk])
    manager = user_with_role(Role.MANAGER, world["karaganda"])
    client.force_login(manager)
    waiting = client.get(reverse("indicators:approvals"), HTTP_ACCEPT_LANGUAGE="en")
    assert url in waiting.content.decode()

    refused = client.post(url, {"decision": "return", "comment": " "}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Say what needs correcting." in refused.content.decode()
    client.post(url, {"decision": "return", "comment": "Nura's 2022 rate is a typo"})
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.RETURNED and approval.decided_by == manager

    client.post(url, {"decision": "approve"})
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.APPROVED
    client.post(url, {"decision": "withdraw", "comment": "Figures under review"})
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "returned the figures for correction: Nura&#x27;s 2022 rate is a typo" in page
    assert "withdrew the approval: Figures under review" in page
    events = ActionLogEntry.objects.values_list("event", flat=True)
    assert {"indicators.figures_returned", "indicators.figures_approved",
            "indicators.figures_withdrawn"} <= set(events)  # fmt: skip


def test_an_editor_may_not_approve_their_own_import(client, world, editor_import):
    approval = ImportApproval.objects.get(import_run=editor_import)
    client.force_login(editor_import.created_by)
    url = reverse("indicators:approval", args=[approval.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Record the decision" not in page.content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 403
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING
