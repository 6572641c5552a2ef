"""POST /api/indicators/observations: a program pushes values with a personal token (or a
session with its CSRF token); they land whole or not at all, checked like the import page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aimaq.accounts.models import Role
from aimaq.accounts.tokens import create_token
from aimaq.indicators.models import ImportRun, ImportStatus, Observation
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.people import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

URL = "/api/indicators/observations"
ROWS = [
    {"indicator": "unemployment", "territory": "355200000", "period": "2023", "value": 5.2},
    {"indicator": "income", "territory": "355200000", "period": 2023, "value": 175000},
]


@pytest.fixture
def editor(world):
    """An editor of Nura rayon, with a token."""
    user = user_with_role(Role.EDITOR, world["nura"])
    _token, user.secret = create_token(user, name="sync")
    return user


def push(secret: str, rows, *, query: str = "", language: str = "en"):
    return Client().post(
        URL + query,
        data=json.dumps(rows),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def pushed_2023() -> int:
    return Observation.objects.filter(period="2023").count()


def test_a_token_push_lands_whole(editor):
    response = push(editor.secret, ROWS)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["dry_run"] is False
    assert body["counts"]["new"] == 2 and body["counts"]["rows_total"] == 2
    assert sorted(body["indicators"]) == ["income", "unemployment"]
    run = ImportRun.objects.get(pk=body["import_run"])
    assert run.status == ImportStatus.DONE and run.created_by == editor
    assert body["status_url"] == f"/api/indicators/imports/{run.pk}"
    assert pushed_2023() == 2
    value = Observation.objects.get(period="2023", indicator__code="unemployment")
    assert value.value == 5.2 and value.territory.kato == "355200000"


def test_one_bad_row_refuses_the_set_and_names_the_error(editor):
    rows = [
        *ROWS,
        {"indicator": "income", "territory": "355200000", "period": "2022", "value": "lots"},
    ]
    response = push(editor.secret, rows)
    assert response.status_code == 422
    body = response.json()
    assert pushed_2023() == 0
    assert body["error_count"] == 1 and "Nothing was written" in body["detail"]
    (error,) = body["errors"]
    assert error["row"] == 3 and error["column"] == "value" and error["value"] == "lots"
    assert error["expected"] and "Row 3" in error["message"]


def test_errors_speak_the_language_of_the_request(editor):
    rows = [{"indicator": "income", "territory": "355200000", "period": "2023", "value": "x1"}]
    body = push(editor.secret, rows, language="ru").json()
    assert "Строка 1" in body["errors"][0]["message"]
    assert "Ничего не записано" in body["detail"]


def test_a_dry_run_checks_and_writes_nothing(editor):
    response = push(editor.secret, ROWS, query="?dry_run=true")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "checked" and body["counts"]["new"] == 2
    assert body["import_run"] is None
    assert pushed_2023() == 0 and not ImportRun.objects.exists()


def test_rows_outside_the_persons_territories_are_refused(editor):
    rows = [*ROWS, {"indicator": "income", "territory": "634000000", "period": "2023", "value": 1}]
    response = push(editor.secret, rows)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["row"] == 3 and error["value"] == "634000000" and "may change" in error["expected"]
    assert pushed_2023() == 0


def test_a_person_who_may_change_no_figures_is_refused(world):
    viewer = user_with_role(Role.VIEWER, world["nura"])
    _token, secret = create_token(viewer, name="sync")
    response = push(secret, ROWS)
    assert response.status_code == 403 and "detail" in response.json()
    assert pushed_2023() == 0


def test_a_superuser_pushes_anywhere(world):
    boss = UserFactory(is_superuser=True)
    _token, secret = create_token(boss, name="sync")
    rows = [*ROWS, {"indicator": "income", "territory": "634000000", "period": "2023", "value": 1}]
    assert push(secret, rows).status_code == 201
    assert pushed_2023() == 3


def test_an_anonymous_push_is_401(world):
    response = Client().post(URL, data=json.dumps(ROWS), content_type="application/json")
    assert response.status_code == 401 and pushed_2023() == 0


def test_a_session_push_without_the_csrf_token_is_refused(editor):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    response = browser.post(URL, data=json.dumps(ROWS), content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert pushed_2023() == 0
    browser.get("/accounts/me/")  # sets the CSRF cookie, as any page does
    response = browser.post(
        URL,
        data=json.dumps(ROWS),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )
    assert response.status_code == 201 and pushed_2023() == 2


def test_a_token_push_needs_no_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        URL,
        data=json.dumps(ROWS),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {editor.secret}",
    )
    assert response.status_code == 201


def test_a_csv_file_lands_like_an_upload(editor):
    text = "indicator,kato,period,value\nunemployment,355200000,2023,5.2\nincome,355200000,2023,175000\n"
    upload = SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")
    response = Client().post(URL, {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {editor.secret}")
    assert response.status_code == 201, response.content
    assert pushed_2023() == 2
    assert ImportRun.objects.get().file_name == "figures.csv"


def test_a_file_row_error_names_the_files_row(editor):
    text = (
        "indicator,kato,period,value\nunemployment,355200000,2023,5.2\nincome,355200000,2023,lots\n"
    )
    upload = SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")
    response = Client().post(URL, {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {editor.secret}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["row"] == 3  # the header is row 1
    assert pushed_2023() == 0


def test_a_large_set_is_queued_and_followed_by_its_status_url(
    editor, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    settings.AIMAQ_API_SYNC_IMPORT_BYTES = 10
    with django_capture_on_commit_callbacks(execute=True):
        response = push(editor.secret, ROWS)
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    status = Client().get(body["status_url"], HTTP_AUTHORIZATION=f"Bearer {editor.secret}")
    assert status.json()["status"] == ImportStatus.DONE and pushed_2023() == 2


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"[{", "application/json", 400),
        (b"[]", "application/json", 400),
        (b'{"indicator": "income"}', "application/json", 400),
        (b"indicator,kato\n", "text/csv", 415),
    ],
)
def test_a_body_that_cannot_be_read_is_refused_with_a_reason(editor, body, content_type, status):
    response = Client().post(
        URL, data=body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {editor.secret}"
    )
    assert response.status_code == status and response.json()["detail"]
    assert pushed_2023() == 0


def test_rows_of_the_wrong_shape_are_named(editor):
    rows = [ROWS[0], {"indicator": "income", "period": "2023", "value": [1, 2]}]
    response = push(editor.secret, rows)
    assert response.status_code == 422
    problems = {(e["row"], e["column"]) for e in response.json()["errors"]}
    assert (2, "territory") in problems and (2, "value") in problems
    assert pushed_2023() == 0


@pytest.mark.parametrize(
    ("language", "missing", "not_a_flag"),
    [
        ("kk", "мән: бұл кілт міндетті", "сан, true не false емес"),
        ("ru", "значение: этот ключ обязателен", "число, а не true или false"),
        ("en", "a value: this key is required", "a number, not true or false"),
    ],
)
def test_rows_of_the_wrong_shape_are_named_in_the_language_of_the_request(
    editor, language, missing, not_a_flag
):
    rows = [
        ROWS[0],
        {"indicator": "income", "period": "2023", "value": 1.5},
        {"indicator": "income", "territory": "355200000", "period": "2023", "value": True},
    ]
    response = push(editor.secret, rows, language=language)

    assert response.status_code == 422
    errors = {(e["row"], e["column"]): e for e in response.json()["errors"]}
    assert set(errors) == {(2, "territory"), (3, "value")}
    assert errors[2, "territory"]["expected"] == missing
    assert errors[2, "territory"]["value"] == ""  # not the row's insides
    assert errors[3, "value"]["expected"] == not_a_flag
    assert all("Input should" not in e["message"] for e in errors.values())
    assert pushed_2023() == 0


def test_nan_and_infinity_are_no_figures(editor):
    stored = Observation.objects.count()
    body = '[{"indicator": "income", "territory": "355200000", "period": "2023", "value": NaN},'
    body += (
        '{"indicator": "income", "territory": "355200000", "period": "2022", "value": Infinity}]'
    )
    response = Client().post(
        URL,
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {editor.secret}",
    )

    assert response.status_code == 422
    assert [(e["row"], e["expected"]) for e in response.json()["errors"]] == [
        (1, "a finite number"),
        (2, "a finite number"),
    ]
    assert Observation.objects.count() == stored


def test_a_json_body_above_djangos_limit_is_413(editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = push(editor.secret, ROWS * 5)
    assert response.status_code == 413 and "file" in response.json()["detail"]


def test_bad_request_parameters_are_named_in_the_language_of_the_request(editor):
    response = push(editor.secret, ROWS, query="?dry_run=maybe&match=kato", language="ru")

    assert response.status_code == 422
    errors = {e["column"]: e for e in response.json()["errors"]}
    assert errors["dry_run"]["expected"] == "true или false"
    assert errors["dry_run"]["value"] == "maybe"
    assert errors["match"]["expected"] == "текст вида ^(auto|code|name)$"
    assert errors["match"]["message"] == "Параметр «match»: текст вида ^(auto|code|name)$."
    assert pushed_2023() == 0
