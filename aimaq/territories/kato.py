"""KATO codes: 9 digits `AB CD EF HHH`, each group one level of the administrative tree.

AB is the oblast or city of republican significance; CD the rayon or city of oblast
significance (below 30: a city); EF the rural okrug, township or town (10: the city itself,
20: a town of rayon significance); HHH the settlement. A unit's code keeps its ancestors'
groups and zeroes the groups below it.
"""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

COUNTRY_CODE = "000000000"
# ASCII digits only: \d would take "３５…" and $ a trailing newline.
KATO_PATTERN = re.compile(r"[0-9]{9}")
GROUP_ENDS = (2, 4, 6, 9)


def validate_kato(code: str) -> None:
    if not isinstance(code, str) or not KATO_PATTERN.fullmatch(code):
        raise ValidationError(
            _("A KATO code is 9 digits; got “%(code)s”."), code="kato_format", params={"code": code}
        )
    if code != COUNTRY_CODE and code[:2] == "00":
        raise ValidationError(
            _("KATO code “%(code)s” has no oblast part (its first two digits are 00)."),
            code="kato_oblast",
            params={"code": code},
        )


def kato_prefix(code: str) -> str:
    """The digits that every descendant's code starts with.

    Groups are cut after the last non-zero one. KATO nests winter camps under villages
    (355259200 › 355259203), and every settlement that has others under it ends in "00":
    such a settlement covers its 7 first digits, any other settlement only itself (cutting
    the trailing zero of 632400680 would cover its siblings 632400682 and 632400687).
    """
    if code == COUNTRY_CODE:
        return ""
    depth = kato_depth(code)
    if depth == 4:
        return code[:7] if code.endswith("00") else code
    return code[: GROUP_ENDS[depth - 1]]


def kato_range(prefix: str) -> tuple[str, str]:
    """The (low, high) codes, both included, of the units whose code starts with `prefix`:
    filter with `kato__gte=low, kato__lte=high` for an index range scan."""
    return prefix.ljust(9, "0"), prefix.ljust(9, "9")


def kato_subtree_q(code: str, field: str = "kato") -> Q:
    """A Q for the unit coded `code` and every unit below it, on the field `field`."""
    low, high = kato_range(kato_prefix(code))
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def kato_groups(code: str) -> list[str]:
    return [code[0:2], code[2:4], code[4:6], code[6:9]]


def kato_depth(code: str) -> int:
    """How many KATO groups are set: 0 country, 1 oblast, 2 rayon, 3 okrug, 4 settlement."""
    set_groups = [i + 1 for i, group in enumerate(kato_groups(code)) if group.strip("0")]
    return max(set_groups, default=0)


def is_consistent_child(child: str, parent: str) -> bool:
    """Does `child` sit under `parent` by its code: the parent's prefix, and deeper."""
    prefix = kato_prefix(parent)
    return child != parent and child.startswith(prefix) and len(kato_prefix(child)) > len(prefix)


def coerce_kato(value: object) -> str:
    """A KATO code read from a spreadsheet or a GIS attribute, as the 9-digit string.

    Numbers (123456789, 123456789.0) and strings with spaces around are accepted. Shorter
    codes are NOT zero-padded: every first group is 10–79, so a code with fewer than 9
    digits lost digits at its end, not leading zeros, and padding would invent a unit.
    The result may still be invalid; check it with `validate_kato`.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if re.fullmatch(r"[0-9]+\.0+", text):
        text = text.split(".")[0]
    return text


def is_valid_kato(code: str) -> bool:
    try:
        validate_kato(code)
    except ValidationError:
        return False
    return True
