"""Words a reason refers to by key ("label:type:ie", "label:field:business_name"), looked up
in the reader's language when the reason is read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FIELDS = {
    "applicant_name": _("applicant's name"),
    "business_name": _("business"),
    "description": _("the business project"),
    "territory": _("where the business works"),
    "identifier": _("IIN or BIN"),
}
IDENTIFIERS = {"iin": _("IIN"), "bin": _("BIN")}


def label(key: str) -> str:
    """The word for `key` ("type:ie", "field:description", "id:iin") in the active language."""
    from aimaq.grants.models.call import ApplicantType

    kind, _sep, name = key.partition(":")
    if kind == "type" and name in ApplicantType.values:
        return str(ApplicantType(name).label)
    if kind == "group":
        from aimaq.grants.models.committee import InterestGroup

        if name in InterestGroup.values:
            return str(InterestGroup(name).label)
    if kind == "field" and name in FIELDS:
        return str(FIELDS[name])
    if kind == "id" and name in IDENTIFIERS:
        return str(IDENTIFIERS[name])
    return name
