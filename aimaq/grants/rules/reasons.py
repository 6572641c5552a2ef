"""Why an application passed or failed a gate, worded for the reader.

A reason is stored as a code and its facts (`{"code": "own_share", "params": {...}}`), never
as a sentence, so the same result reads in Kazakh, Russian or English; the facts hold
amounts, shares and dates, never an IIN, a phone or an address."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

TEXTS = {
    # formal
    "late": _("Submitted on %(submitted)s, after the call closed on %(closes)s."),
    "early": _("Submitted on %(submitted)s, before the call opened on %(opens)s."),
    "missing_field": _("“%(field)s” is not filled in."),
    "no_budget": _("The budget has no lines."),
    "documents": _("%(given)s of the %(required)s required documents are attached."),
    "territory": _("The business works in %(territory)s, outside the call's territories."),
    "applicant_type": _("The call is not open to the applicant type “%(type)s”."),
    "repeat": _(
        "The applicant already has %(count)s application(s) in this call; the call allows %(limit)s."
    ),
    # eligibility
    "identifier_kind": _(
        "The applicant (%(type)s) is identified by the %(expected)s, which is missing."
    ),
    "identifier_invalid": _("The %(kind)s does not pass the official checksum."),
    "budget": _("Project budget %(total)s tenge — the call allows %(min)s–%(max)s tenge."),
    "own_share": _("Own contribution %(share)s %% — the call allows %(min)s–%(max)s %%."),
    "requested_zero": _("Nothing is requested from the fund."),
    "requested_fund": _("The request of %(requested)s tenge is more than the whole fund."),
    # minimum criteria
    "minimum_failed": _("Not met: %(criterion)s."),
    "minimum_pending": _("Not checked yet: %(criterion)s."),
    # scoring
    "below_threshold": _("Score %(score)s — the call requires at least %(min)s."),
    "too_few_sheets": _("%(given)s of the %(needed)s score sheets needed are submitted."),
    "scored": _("Score %(score)s (minimum %(min)s)."),
    # composition of a decision
    "quorum": _("%(present)s voting members take part — the quorum is %(quorum)s."),
    "group_share": _(
        "%(group)s hold %(share)s %% of the votes — no interest group may hold more than %(max)s %%."
    ),
    # overall
    "ok": _("Meets every condition of this gate."),
}


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _storable(v) for k, v in self.params.items()}}


def _storable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _readable(value: Any) -> str:
    if isinstance(value, dict) and len(value) == 1:
        ((kind, raw),) = value.items()
        if kind == "decimal":
            return number_format(Decimal(raw), decimal_pos=_places(raw), force_grouping=True)
        if kind == "datetime":
            moment = timezone.localtime(datetime.fromisoformat(raw))
            return date_format(moment, "SHORT_DATETIME_FORMAT")
        if kind == "date":
            return date_format(date.fromisoformat(raw), "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, dict) and {"kk", "ru", "en"} <= set(value):
        from aimaq.core.i18n import active_language

        return str(value.get(active_language()) or value.get("ru") or "")
    if isinstance(value, str) and value.startswith("label:"):
        from . import labels

        return labels.label(value[6:])
    return str(value)


def _places(raw: str) -> int:
    return len(raw.split(".", 1)[1].rstrip("0")) if "." in raw else 0


def reason_text(reason: dict[str, Any] | Reason) -> str:
    """The reason as a sentence in the active language."""
    if isinstance(reason, Reason):
        reason = reason.as_dict()
    template = TEXTS.get(reason.get("code", ""))
    if template is None:
        return str(reason.get("code", ""))
    params = {key: _readable(value) for key, value in (reason.get("params") or {}).items()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
