"""The OpenAPI document tells a client what every answer looks like, refusals included, and
the API keeps its promise: a malformed request is a 422 in the error shape, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

SUCCESS = ("200", "201", "202")


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").json()


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def schema_of(answer: dict) -> dict | None:
    content = answer.get("content") or {}
    for media in content.values():
        if media.get("schema"):
            return media["schema"]
    return None


def test_every_operation_documents_its_success_schema(document):
    missing = []
    for name, operation in operations(document):
        answers = [
            operation["responses"][code] for code in SUCCESS if code in operation["responses"]
        ]
        if not answers or not all(schema_of(answer) for answer in answers):
            missing.append(name)
    assert not missing, f"operations without a success schema: {missing}"


def test_every_operation_documents_its_refusals_in_the_error_shape(document):
    problems = []
    for name, operation in operations(document):
        codes = set(operation["responses"])
        parameters = operation.get("parameters", [])
        wanted = set()
        if any(p["in"] == "path" for p in parameters):
            wanted.add("404")
        if any(p["in"] == "query" for p in parameters) or "requestBody" in operation:
            wanted.add("422")
        if operation.get("security"):
            wanted.add("401")
            if name.startswith(("POST", "PUT", "PATCH", "DELETE")):
                wanted.add("403")  # the session's CSRF check, or the person's rights
        if wanted - codes:
            problems.append(f"{name} lacks {sorted(wanted - codes)}")
        for code, answer in operation["responses"].items():
            if code.startswith(("4", "5")) and schema_of(answer) != {
                "$ref": "#/components/schemas/ErrorOut"
            }:
                problems.append(f"{name} {code} is not ErrorOut")
    assert not problems, problems


def test_the_error_shape_has_rows(document):
    error = document["components"]["schemas"]["ErrorOut"]
    assert {"detail", "errors", "error_count"} <= set(error["properties"])
    row = document["components"]["schemas"]["RowErrorOut"]
    assert {"row", "column", "value", "expected", "message"} <= set(row["properties"])


def test_writes_say_how_to_authenticate(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    push = document["paths"]["/api/indicators/observations"]["post"]
    assert {"TokenAuth": []} in push["security"] and {"SessionAuth": []} in push["security"]
    assert set(push["requestBody"]["content"]) == {"application/json", "multipart/form-data"}


# Reads of what only some people may see take a token or the session: the indicators'
# imports, and any operation that says so with `openapi_extra={"x-aimaq-personal": True}`.
# Every other read is public.
def personal(name: str, operation: dict) -> bool:
    return "/imports/" in name or bool(operation.get("x-aimaq-personal"))


def test_public_reads_need_no_authentication(document):
    reads = [(name, op) for name, op in operations(document) if name.startswith("GET")]
    public = [name for name, op in reads if not personal(name, op)]
    assert public
    assert all(not dict(operations(document))[name].get("security") for name in public)
    assert all(op.get("security") for name, op in reads if personal(name, op))


@pytest.mark.parametrize(
    "query",
    [
        "offset=9223372036854775808",
        "offset=-1",
        "limit=9223372036854775808",
        "limit=0",
        "offset=lots",
        "valid_on=yesterday",
    ],
)
def test_out_of_range_paging_is_422_in_the_error_shape(client, tree, query):
    response = client.get(f"/api/territories/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "The request is not valid."
    name = query.split("=")[0]
    assert [error["column"] for error in body["errors"]] == [name]
    assert body["errors"][0]["value"] == query.split("=")[1]


def test_the_largest_offset_allowed_answers_an_empty_page(client, tree):
    response = client.get("/api/territories/?offset=1000000")
    assert response.status_code == 200 and response.json()["items"] == []


def test_unknown_things_answer_404_in_the_error_shape(client, tree):
    for url in (
        "/api/territories/999999999",
        "/api/indicators/profile/999999999",
        "/api/indicators/series/no_such_indicator",
        "/api/indicators/choropleth/no_such_indicator",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert set(response.json()) == {"detail"}, url
