"""What every part of the JSON API shares: one error shape, and the answers that use it.

An endpoint lists its error answers with `error_responses(...)`, so the OpenAPI document says
for each operation which errors it gives and what they look like; `install_error_handlers`
makes Django's and django-ninja's own refusals (404, 401, request validation, a body too
large) answer in that same shape, in the language of the request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .busy import RETRY_AFTER_SECONDS, busy_message, is_database_busy

logger = logging.getLogger(__name__)


class RowErrorOut(Schema):
    """One problem with one value: where it is (a file row, a request parameter) and why."""

    row: int | None = Field(
        None,
        description="Row of the file or of the JSON list (1 = the first value row of JSON, "
        "the header of a file; 0 = the file as a whole); null for request parameters.",
    )
    column: str = Field("", description="The column, JSON key or parameter concerned")
    value: str = Field("", description="The value found")
    expected: str = Field("", description="What was expected instead")
    message: str = Field("", description="The whole sentence, in the request's language")


class ErrorOut(Schema):
    """Every refusal of the API: a sentence, and for row-level problems the rows."""

    detail: str = Field(..., description="What went wrong, in the request's language")
    errors: list[RowErrorOut] | None = Field(
        None, description="Each problem found, when there are several (rows, parameters)"
    )
    error_count: int | None = Field(
        None, description="How many problems there are in all, when `errors` lists only the first"
    )


class Refusal(Exception):
    """Raised by an endpoint to answer ErrorOut with its rows: `raise Refusal(422, detail,
    errors)`, where each error is a RowErrorOut-shaped dict."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: list[dict[str, Any]] | None = None,
        error_count: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors
        self.error_count = error_count if error_count is not None or errors is None else len(errors)


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """`response={200: Out, **error_responses(404, 422)}`: these answers use ErrorOut."""
    return {code: ErrorOut for code in codes}


def error_body(detail: str, errors: list[dict[str, Any]] | None = None, **extra: Any) -> dict:
    body: dict[str, Any] = {"detail": str(detail)}
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    return body


# What pydantic found wrong, as what was expected, in the request's language (pydantic's own
# sentences are English only). Its error types: docs.pydantic.dev "Validation Errors".
_EXPECTED: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": lambda ctx: _("a value: this key is required"),
    "float_parsing": lambda ctx: _("a number"),
    "float_type": lambda ctx: _("a number"),
    "decimal_parsing": lambda ctx: _("a number"),
    "decimal_type": lambda ctx: _("a number"),
    "finite_number": lambda ctx: _("a finite number"),
    "int_parsing": lambda ctx: _("a whole number"),
    "int_type": lambda ctx: _("a whole number"),
    "int_from_float": lambda ctx: _("a whole number"),
    "bool_parsing": lambda ctx: _("true or false"),
    "bool_type": lambda ctx: _("true or false"),
    "string_type": lambda ctx: _("text"),
    "string_too_long": lambda ctx: (
        _("text of at most %(count)s characters") % {"count": ctx.get("max_length")}
    ),
    "string_too_short": lambda ctx: (
        _("text of at least %(count)s characters") % {"count": ctx.get("min_length")}
    ),
    "string_pattern_mismatch": lambda ctx: (
        _("text of the form %(pattern)s") % {"pattern": ctx.get("pattern")}
    ),
    "greater_than_equal": lambda ctx: (
        _("a number of at least %(limit)s") % {"limit": ctx.get("ge")}
    ),
    "greater_than": lambda ctx: _("a number above %(limit)s") % {"limit": ctx.get("gt")},
    "less_than_equal": lambda ctx: _("a number of at most %(limit)s") % {"limit": ctx.get("le")},
    "less_than": lambda ctx: _("a number below %(limit)s") % {"limit": ctx.get("lt")},
    "date_parsing": lambda ctx: _("a date, YYYY-MM-DD"),
    "date_from_datetime_parsing": lambda ctx: _("a date, YYYY-MM-DD"),
    "date_type": lambda ctx: _("a date, YYYY-MM-DD"),
    "datetime_parsing": lambda ctx: _("a date and time, YYYY-MM-DDTHH:MM"),
    "datetime_type": lambda ctx: _("a date and time, YYYY-MM-DDTHH:MM"),
    "literal_error": lambda ctx: _("one of: %(values)s") % {"values": ctx.get("expected")},
    "enum": lambda ctx: _("one of: %(values)s") % {"values": ctx.get("expected")},
    "list_type": lambda ctx: _("a list"),
    "too_long": lambda ctx: _("at most %(count)s items") % {"count": ctx.get("max_length")},
    "too_short": lambda ctx: _("at least %(count)s items") % {"count": ctx.get("min_length")},
    "dict_type": lambda ctx: _("an object with keys"),
    "model_type": lambda ctx: _("an object with keys"),
    "model_attributes_type": lambda ctx: _("an object with keys"),
    "extra_forbidden": lambda ctx: _("no such key"),
    "json_invalid": lambda ctx: _("valid JSON"),
    "uuid_parsing": lambda ctx: _("a UUID"),
    "uuid_type": lambda ctx: _("a UUID"),
    "url_parsing": lambda ctx: _("a web address"),
    # Our own validators raise ValueError with a sentence already in the request's language.
    "value_error": lambda ctx: str(ctx.get("error", "")),
    "assertion_error": lambda ctx: str(ctx.get("error", "")),
}


def expected_by(error: Mapping[str, Any]) -> str:
    """What a pydantic error says was expected, in the request's language."""
    explain = _EXPECTED.get(str(error.get("type", "")))
    if explain is None:
        return _("a value of another form")
    return explain(error.get("ctx") or {})


def shown_input(value: Any) -> str:
    """The value a person sent, as an error row shows it: a scalar, never an object's
    insides (a whole row or a list)."""
    if value is None or not isinstance(value, str | int | float | bool):
        return ""
    return str(value)[:200]


def validation_errors(request: HttpRequest, errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors about request parameters, as the API's rows: the parameter's name
    (its place in a JSON body: `2.value`), what was found and what was expected."""
    rows = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        source = location[0] if location else ""
        # ninja puts where the parameter came from first ("query", "body", "path").
        if source in ("query", "path", "body", "form", "file", "header", "cookie"):
            location = location[1:]
        column = ".".join(location)
        expected = expected_by(error)
        rows.append(
            {
                "row": None,
                "column": column,
                "value": _sent_value(request, source, column),
                "expected": expected,
                "message": _("Parameter “%(column)s”: %(expected)s.")
                % {"column": column, "expected": expected},
            }
        )
    return rows


def _sent_value(request: HttpRequest, source: str, name: str) -> str:
    """What the request sent for a query or path parameter (ninja drops pydantic's copy)."""
    if source == "query":
        value = request.GET.get(name, "")
    elif source == "path" and request.resolver_match is not None:
        value = request.resolver_match.kwargs.get(name, "")
    else:
        value = ""
    return str(value)[:200]


def install_error_handlers(api: NinjaAPI) -> None:
    """Refusals from Django and django-ninja answer as ErrorOut, in the request's language."""

    def respond(request: HttpRequest, status: int, body: dict) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="aimaq"'
        return response

    @api.exception_handler(Refusal)
    def refused(request: HttpRequest, exc: Refusal) -> HttpResponse:
        extra = {} if exc.error_count is None else {"error_count": exc.error_count}
        return respond(request, exc.status, error_body(exc.detail, exc.errors, **extra))

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = validation_errors(request, list(exc.errors))
        return respond(
            request,
            422,
            error_body(_("The request is not valid."), errors, error_count=len(errors)),
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = str(exc) if str(exc) and str(exc) != "Unauthorized" else ""
        return respond(request, 401, error_body(detail or _("Sign in or send a valid API token.")))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, error_body(str(exc) or _("Not found.")))

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, error_body(str(exc) or _("You may not do this.")))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(
            request, 413, error_body(_("The body is too large: send the values as a file."))
        )

    @api.exception_handler(OperationalError)
    def busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        if not is_database_busy(exc):
            raise exc
        response = respond(
            request,
            503,
            error_body(busy_message()),
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, error_body(str(exc)))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The path only: a query string or the headers may carry what must not be logged.
        logger.exception("API request failed: %s %s", request.method, request.path)
        return respond(request, 500, error_body(_("An unexpected error stopped this request.")))
