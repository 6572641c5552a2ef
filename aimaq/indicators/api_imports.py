"""Following an import and pushing observations: /api/indicators/imports/… and
/api/indicators/observations. Both need a person — a personal API token
(`Authorization: Bearer …`) or the signed-in session with its CSRF token — and act with
exactly that person's rights."""

from __future__ import annotations

import json
from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from aimaq.accounts.api_auth import PERSON
from aimaq.accounts.http import PersonApiRequest
from aimaq.core.api import Refusal, error_responses, expected_by, shown_input
from aimaq.core.permissions import allowed_rows

from .api_schemas import ImportRunOut, ObservationIn, PushOut
from .models import ImportRun
from .permissions import FOLLOW_IMPORT
from .pushing import JSON_FILE_NAME, PushResult, push_observations, rows_as_csv

router = Router(tags=["indicators"], auth=PERSON)


def _run_out(run: ImportRun) -> dict:
    return {
        "id": run.pk,
        "status": run.status,
        "rows_done": run.rows_done,
        "rows_total": run.rows_total,
        "new": run.new,
        "changed": run.changed,
        "unchanged": run.unchanged,
        "refused": run.refused,
    }


@router.get(
    "/imports/{run_id}",
    response={200: ImportRunOut, **error_responses(401, 404, 422)},
    url_name="indicator_import",
    summary="Progress of an import",
)
def import_status(request: PersonApiRequest, run_id: int) -> dict:
    """An import's progress, for its author (or a superuser); anyone else's is not found."""
    runs = allowed_rows(request.auth, FOLLOW_IMPORT, ImportRun.objects.all())
    return _run_out(get_object_or_404(runs, pk=run_id))


class PushParams(Schema):
    dry_run: bool = Field(False, description="Check only: nothing is written")
    match: str = Field("auto", pattern="^(auto|code|name)$", description="Territories by")
    layout: str = Field(
        "auto", pattern="^(auto|long|wide)$", description="Files: one value per row or wide"
    )
    sheet: str = Field("", max_length=64, description="XLSX: the sheet; the first if empty")
    indicator: str = Field(
        "", max_length=64, description="Files without an indicator column: its code"
    )
    status: str = Field("", max_length=20, description="Status of values that give none")
    source: str = Field("", max_length=300, description="Source of values that give none")


PUSH_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"type": "array", "items": ObservationIn.json_schema(), "minItems": 1}
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}
_ROWS = TypeAdapter(list[ObservationIn])


@router.post(
    "/observations",
    response={
        200: PushOut,
        201: PushOut,
        202: PushOut,
        **error_responses(400, 401, 403, 413, 415, 422, 500),
    },
    url_name="indicator_observations",
    summary="Push observations",
    openapi_extra={"requestBody": PUSH_BODY},
    description="Values as JSON rows or as a file (CSV, XLSX or SDMX, as the import page "
    "accepts; multipart field `file`), checked like the import page: every row, against the "
    "database and the territories where the person may change figures. One refused row "
    "refuses the set: nothing is written, and the answer (422) names each error's row "
    "(the JSON list's position from 1, or the file's row), column, value and what was "
    "expected, in the language of `Accept-Language`. `dry_run=true` checks only (200). "
    "Otherwise a set up to 1 MB is written at once (201); a larger one is queued (202) "
    "and its `status_url` follows the import.",
)
def push(request: PersonApiRequest, params: Query[PushParams]) -> Status:
    options = params.model_dump(exclude={"dry_run"})
    content_type = request.content_type or ""
    if content_type == "application/json":
        data, file_name, json_rows = rows_as_csv(_json_rows(request)), JSON_FILE_NAME, True
        options["layout"] = "long"
    elif content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise HttpError(400, _("Send the file in the multipart field “file”."))
        data, file_name, json_rows = upload.read(), upload.name or "upload.csv", False
    else:
        raise HttpError(
            415,
            _("Send JSON rows (application/json) or a file (multipart/form-data, field “file”)."),
        )
    result = push_observations(
        request.auth,
        data=data,
        file_name=file_name,
        options=options,
        dry_run=params.dry_run,
        json_rows=json_rows,
    )
    return _push_answer(result, dry_run=params.dry_run)


def _json_rows(request: PersonApiRequest) -> list[dict[str, Any]]:
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpError(400, _("The body is not valid JSON.")) from exc
    if not isinstance(body, list) or not body:
        raise HttpError(400, _("Send a JSON list of rows, at least one."))
    try:
        rows = _ROWS.validate_python(body)
    except PydanticError as exc:
        errors = _shape_errors(exc)
        raise Refusal(
            422, _("Nothing was written: some rows are not of the expected shape."), errors
        ) from exc
    return [row.model_dump() for row in rows]


def _shape_errors(error: PydanticError) -> list[dict[str, Any]]:
    """Pydantic's complaints about JSON rows (a missing key, a list where a value belongs)
    as the API's row errors: the row's position from 1 and its key."""
    errors = []
    for problem in error.errors(include_url=False):
        location = list(problem.get("loc", ()))
        row = location[0] + 1 if location and isinstance(location[0], int) else None
        column = ".".join(str(part) for part in location[1:2])
        expected = expected_by(problem)
        errors.append(
            {
                "row": row,
                "column": column,
                "value": shown_input(problem.get("input")),
                "expected": expected,
                "message": _("Row %(row)s, “%(column)s”: %(expected)s.")
                % {"row": row, "column": column, "expected": expected},
            }
        )
    return errors


def _push_answer(result: PushResult, *, dry_run: bool) -> Status:
    preview, run = result.preview, result.run
    if result.outcome == "failed":
        raise Refusal(500, _("The import failed; nothing was written."))
    if result.outcome not in PUSH_STATUS:
        errors = [{**error.as_dict(), "message": error.message()} for error in result.errors]
        detail = _("Nothing was written: %(count)s problems found.") % {"count": result.error_count}
        raise Refusal(422, f"{detail} {preview.summary()}", errors, result.error_count)
    written = run if run is not None and result.outcome == "done" else preview
    body = {
        "status": result.outcome,
        "dry_run": dry_run,
        "counts": {
            "rows_total": preview.rows_total,
            "new": written.new,
            "changed": written.changed,
            "unchanged": written.unchanged,
            "refused": preview.refused,
            "skipped": preview.skipped,
        },
        "indicators": list(preview.indicators),
        "import_run": run.pk if run else None,
        "status_url": reverse("api:indicator_import", args=[run.pk]) if run else None,
        "summary": preview.summary(),
    }
    return Status(PUSH_STATUS[result.outcome], body)


PUSH_STATUS = {"checked": 200, "done": 201, "queued": 202}
