"""What every write of the plans app shares: the permission check, the working draft, and
three-language texts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from aimaq.core.i18n import CONTENT_LANGUAGES, active_language
from aimaq.core.permissions import can

from ..models import EDITABLE_STATUSES, Plan, PlanVersion, VersionStatus

Texts = dict[str, str]


def require(by: Any, action: str, obj: Any) -> None:
    """PermissionDenied unless `by` may do `action` on `obj` (the one check)."""
    if not can(by, action, obj):
        raise PermissionDenied(_("You may not do this to this plan."))


def working_draft(plan: Plan) -> PlanVersion | None:
    """The version of `plan` being written (a draft or under consultation), if any."""
    return plan.versions.filter(status__in=EDITABLE_STATUSES).order_by("-number").first()


def version_in_force(plan: Plan) -> PlanVersion | None:
    """The approved version the plan is run by (the latest one approved), if any."""
    from ..models import IN_FORCE_STATUSES

    return plan.versions.filter(status__in=IN_FORCE_STATUSES).order_by("-number").first()


def shown_version(plan: Plan) -> PlanVersion:
    """The version a plan's page shows by default: the one in force, else the latest."""
    return version_in_force(plan) or plan.versions.order_by("-number").first()  # type: ignore[return-value]


def as_draft(target: Plan | PlanVersion) -> PlanVersion:
    """The version to write into: the given version, or the plan's working draft; a
    ValidationError when the plan has none (start an amendment first)."""
    if isinstance(target, PlanVersion):
        return target
    draft = working_draft(target)
    if draft is None:
        raise ValidationError(
            _("The plan has no draft to write into; start an amendment first."), code="no_draft"
        )
    return draft


def texts(value: str | Texts | None, field: str = "text") -> dict[str, str]:
    """Model fields for a text in several languages: a plain string is the active
    language's; a dict names its languages ({"kk": …, "ru": …})."""
    if value is None:
        return {}
    if isinstance(value, str):
        value = {active_language(): value}
    unknown = set(value) - set(CONTENT_LANGUAGES)
    if unknown:
        raise ValueError(f"unknown languages {sorted(unknown)}")
    return {f"{field}_{language}": (text or "").strip() for language, text in value.items()}


def require_some_text(fields: dict[str, str], field: str = "text") -> None:
    if not any(fields.get(f"{field}_{language}") for language in CONTENT_LANGUAGES):
        raise ValidationError({field: _("Write it in at least one language.")}, code="required")


def is_draft_status(status: str) -> bool:
    return status == VersionStatus.DRAFT
