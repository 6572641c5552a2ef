"""One way to read a cell: spreadsheet values as text, numbers with a decimal comma or grouping
spaces, whole numbers. `number_sql` is the same number rule for bulk checks in DuckDB."""

from __future__ import annotations

import datetime
import math
import re

# Spaces (plain, no-break, narrow no-break) and apostrophes group thousands: "1 234 567",
# "1'234". A comma is a decimal comma when the file uses another delimiter.
_GROUPING = re.compile("[\\s\u00a0\u202f'’]")


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a person sees: whole floats without ".0" (codes and
    years typed as numbers), dates as 2022-03-15 (a first of the month as 2022-03, how
    monthly periods are typed), everything trimmed; None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m") if value.day == 1 else value.isoformat()[:10]
    return str(value).strip()


def parse_number(text: str) -> float | None:
    """The number a cell holds ("12.5", "12,5", "1 234,5", "1'234"), or None. Infinite
    and not-a-number values are no numbers."""
    text = (text or "").strip()
    if not text:
        return None
    for candidate in (text, _GROUPING.sub("", text).replace(",", ".")):
        try:
            number = float(candidate)
        except ValueError:
            continue
        return number if math.isfinite(number) else None
    return None


def parse_whole_number(text: str) -> int | None:
    """A whole number of 0 or more ("24 000", "24000.0"), or None. Only ASCII digits:
    "5²" and "٣" are no whole numbers here."""
    text = _GROUPING.sub("", (text or "").strip())
    if text.endswith(".0"):
        text = text[:-2]
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def number_sql(column: str) -> str:
    """DuckDB SQL reading `column` (text) as `parse_number` does: NULL when it is no number
    (infinite values stay; the caller refuses them with `isfinite`)."""
    return (
        f"coalesce(TRY_CAST({column} AS DOUBLE), TRY_CAST(replace(regexp_replace({column}, "
        "'[\\s\u00a0\u202f''’]', '', 'g'), ',', '.') AS DOUBLE))"
    )
