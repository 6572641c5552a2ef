"""What the participation pages share: finding an object the visitor may see (404 when they
may not — as if it did not exist), refusing an action (403), and the resident behind a
request."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest

from aimaq.accounts.models import User
from aimaq.core.permissions import can

from ..models import Participant
from ..permissions import VIEW

M = TypeVar("M", bound=models.Model)


def visible_or_404(request: HttpRequest, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """The object, if it exists and the visitor may see it; Http404 otherwise."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not can(request.user, VIEW, obj):
        raise Http404
    return obj


def allowed_or_403(request: HttpRequest, action: str, obj: Any) -> None:
    if not can(request.user, action, obj):
        raise PermissionDenied


def participant_of(request: HttpRequest) -> Participant | None:
    user = request.user
    if not isinstance(user, User):
        return None
    return Participant.objects.filter(user=user).select_related("residence").first()


def form_error(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one,
    else on the form as a whole."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"
