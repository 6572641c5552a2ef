"""Whole-file checks: every row of a table checked before anything is written (code format,
duplicates, parent known, code under the parent's code, names, level, population), each
row's level settled, and KATO's own irregularities counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.tabular import RowError, parse_whole_number

from ..kato import (
    COUNTRY_CODE,
    coerce_kato,
    is_consistent_child,
    is_valid_kato,
    kato_depth,
    kato_prefix,
)
from ..models import FIRST_CENSUS_YEAR, Level
from .naming import level_from_structure, read_russian_name
from .reading import NAME_COLUMNS, Table

MAX_NAME_LENGTH = 255
POPULATION_RANGE = (0, 2**31 - 1)  # an integer column on PostgreSQL

# The levels a code of each depth may have: those the plain tree gives, and those the real
# KATO 2022 file needs (all 16,264 rows load): towns of rayon significance coded as
# settlements (48, e.g. 103620100 "г. Аягоз") and city districts coded at depth 3 (18, e.g.
# 351011000 "Әлихан Бөкейхан") and depth 4 (4, e.g. 151011100 "район Астана").
LEVELS_BY_DEPTH: dict[int, frozenset[str]] = {
    1: frozenset({Level.OBLAST, Level.CITY_REPUBLICAN}),
    2: frozenset({Level.RAYON, Level.CITY_OBLAST, Level.CITY_DISTRICT}),
    3: frozenset({Level.TOWN, Level.RURAL_OKRUG, Level.TOWNSHIP, Level.CITY_DISTRICT}),
    4: frozenset({Level.SETTLEMENT, Level.TOWN, Level.CITY_DISTRICT}),
}


@dataclass
class KatoRow:
    row: int
    code: str
    parent_ref: str  # the raw parent_id or parent_code
    row_id: str = ""  # the statistics office's row id, in the id;parent_id layout
    parent_row: int | None = None  # the parent's row number when it is in the file
    parent_code: str = ""  # resolved; COUNTRY_CODE for first-level units
    names: dict[str, str] = field(default_factory=dict)
    level: str = ""
    level_source: str = ""  # "column", "name" or "structure"
    population: int | None = None
    population_year: int | None = None


@dataclass
class Validation:
    rows: list[KatoRow]  # the rows to load, parents before children
    errors: list[RowError]
    skipped_rows: list[int]  # refused rows and their descendants
    quirks: Counter
    quirk_examples: dict[str, list[str]]


def validate_table(table: Table, existing_levels: dict[str, str]) -> Validation:
    """Every row checked before anything is written: code format, duplicates, parent known,
    code under the parent's code, names, level, population. `existing_levels` maps the
    current territories' codes to their levels (parents may already be in the database)."""
    errors: list[RowError] = []
    year_range = (FIRST_CENSUS_YEAR, timezone.localdate().year)
    rows = [_parse_row(number, cells, table, errors, year_range) for number, cells in table.rows]
    by_code = _first_rows(
        rows,
        "code",
        _("a code not given before (row %(row)s already has it)"),
        errors,
        is_valid_kato,
    )
    if table.by_id:
        by_id = _first_rows(
            rows, "id", _("an id not given before (row %(row)s already has it)"), errors
        )
        _resolve_parents(rows, "parent_id", by_id, existing_levels, errors)
    else:
        _resolve_parents(rows, "parent_code", by_code, existing_levels, errors)
    loadable, skipped = _without_refused_branches(rows, {error.row for error in errors})
    loadable.sort(key=lambda row: (len(kato_prefix(row.code)), row.code))
    quirks, examples = _assign_levels(loadable, existing_levels)
    errors.sort(key=lambda error: (error.row, error.column))
    return Validation(loadable, errors, sorted(skipped), quirks, examples)


# --- one row's values ----------------------------------------------------------------


def _parse_row(
    number: int,
    cells: dict[str, str],
    table: Table,
    errors: list[RowError],
    year_range: tuple[int, int],
) -> KatoRow:
    code = coerce_kato(cells.get("code", ""))
    row = KatoRow(
        row=number,
        code=code,
        parent_ref=cells.get("parent_id" if table.by_id else "parent_code", "").strip(),
        row_id=cells.get("id", "").strip(),
    )
    if not is_valid_kato(code):
        errors.append(
            RowError(number, "code", code, _("a KATO code of 9 digits, such as 355200000"))
        )
    for column in NAME_COLUMNS:
        value = " ".join(cells.get(column, "").split())
        if len(value) > MAX_NAME_LENGTH:
            errors.append(
                RowError(number, column, value[:40] + "…", _("a name of at most 255 characters"))
            )
        elif value:
            row.names[column] = value
    if not row.names:
        errors.append(RowError(number, "name_ru", "", _("a name: every row needs one")))
    row.level = _parse_level(number, cells.get("level", ""), errors)
    row.population = _parse_count(
        number, "population", cells.get("population", ""), POPULATION_RANGE, errors
    )
    row.population_year = _parse_count(
        number, "population_year", cells.get("population_year", ""), year_range, errors
    )
    if row.level and is_valid_kato(code) and not level_fits_code(row.level, code):
        errors.append(
            RowError(
                number,
                "level",
                row.level,
                _(
                    "a level that fits the code %(code)s (a %(level)s cannot have it): one of %(levels)s"
                )
                % {
                    "level": row.level,
                    "code": code,
                    "levels": ", ".join(sorted(LEVELS_BY_DEPTH[kato_depth(code)])),
                },
            )
        )
    return row


def _parse_level(number: int, value: str, errors: list[RowError]) -> str:
    value = value.strip().lower()
    if value and value not in Level.values:
        errors.append(
            RowError(
                number,
                "level",
                value,
                _("one of %(levels)s") % {"levels": ", ".join(Level.values)},
            )
        )
        return ""
    return value


def level_fits_code(level: str, code: str) -> bool:
    """Can a unit of `level` have this code: the country only 000000000, and each level
    only the code depths KATO gives it."""
    if code == COUNTRY_CODE or level == Level.COUNTRY:
        return code == COUNTRY_CODE and level == Level.COUNTRY
    return level in LEVELS_BY_DEPTH[kato_depth(code)]


def _parse_count(
    number: int, column: str, value: str, bounds: tuple[int, int], errors: list[RowError]
) -> int | None:
    """A whole number within `bounds` (both included), or None for an empty cell."""
    value = value.strip()
    if not value:
        return None
    whole = parse_whole_number(value)
    if whole is None:
        errors.append(RowError(number, column, value, _("a whole number, 0 or more")))
        return None
    if not bounds[0] <= whole <= bounds[1]:
        errors.append(
            RowError(
                number,
                column,
                value,
                _("a number between %(low)s and %(high)s") % {"low": bounds[0], "high": bounds[1]},
            )
        )
        return None
    return whole


# --- the rows together: duplicates, parents, refused branches --------------------------


def _first_rows(
    rows: list[KatoRow],
    column: str,
    duplicate: str,
    errors: list[RowError],
    counts: Callable[[str], bool] = lambda key: True,
) -> dict[str, KatoRow]:
    """The first row for each value of `column` ("code" or "id"); a later row with the same
    value is refused with the `duplicate` message when `counts` says the value matters."""
    first: dict[str, KatoRow] = {}
    for row in rows:
        key = row.code if column == "code" else row.row_id
        if key in first and counts(key):
            errors.append(RowError(row.row, column, key, duplicate % {"row": first[key].row}))
        first.setdefault(key, row)
    return first


def _resolve_parents(
    rows: list[KatoRow],
    column: str,
    in_file: dict[str, KatoRow],
    existing: dict[str, str],
    errors: list[RowError],
) -> None:
    """Turn each parent reference into the parent's code and check the code nests under it.
    `column` is the reference's column; `in_file` maps its values to the file's rows."""
    by_id = column == "parent_id"
    for row in rows:
        ref = row.parent_ref
        if ref in ("", "0") or coerce_kato(ref) == COUNTRY_CODE:
            row.parent_code = COUNTRY_CODE
            if row.code != COUNTRY_CODE and kato_depth(row.code) > 1 and is_valid_kato(row.code):
                errors.append(
                    RowError(
                        row.row,
                        column,
                        ref,
                        _("a parent: only first-level units (such as 350000000) may have none"),
                    )
                )
            continue
        parent = in_file.get(ref if by_id else coerce_kato(ref))
        parent_code = parent.code if parent else ("" if by_id else coerce_kato(ref))
        if not parent and parent_code not in existing:
            errors.append(
                RowError(
                    row.row,
                    column,
                    ref,
                    _("a parent that is a row of the file or a territory in the database"),
                )
            )
            continue
        row.parent_code = parent_code
        row.parent_row = parent.row if parent else None
        if (
            is_valid_kato(row.code)
            and is_valid_kato(parent_code)
            and not is_consistent_child(row.code, parent_code)
        ):
            errors.append(
                RowError(
                    row.row,
                    "code",
                    row.code,
                    _("a code under its parent's code %(parent)s") % {"parent": parent_code},
                )
            )


def _without_refused_branches(
    rows: list[KatoRow], refused: set[int]
) -> tuple[list[KatoRow], list[int]]:
    """Rows that can load: neither refused nor below a refused row."""
    cut = set(refused)
    while True:
        below = {row.row for row in rows if row.parent_row in cut and row.row not in cut}
        if not below:
            break
        cut |= below
    return [row for row in rows if row.row not in cut], sorted(cut)


# --- levels and KATO's quirks ----------------------------------------------------------


def _assign_levels(rows: list[KatoRow], existing: dict[str, str]) -> tuple[Counter, dict]:
    """Each row's level, from the level column, else its Russian name, else its code; counts
    the KATO quirks met on the way (accepted, reported)."""
    levels = dict(existing)
    levels[COUNTRY_CODE] = Level.COUNTRY
    quirks: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for row in rows:
        parent_level = levels.get(row.parent_code, "")
        stated, clean = (None, "")
        if "name_ru" in row.names:
            stated, clean = read_russian_name(row.names["name_ru"], parent_level)
            row.names["name_ru"] = clean
        if row.code == COUNTRY_CODE:
            row.level, row.level_source = Level.COUNTRY, "structure"
        elif row.level:
            row.level_source = "column"
        elif stated:
            row.level, row.level_source = stated, "name"
        else:
            row.level, row.level_source = level_from_structure(row.code), "structure"
        levels[row.code] = row.level
        for quirk in _quirks_of(row):
            quirks[quirk] += 1
            examples.setdefault(quirk, [])
            if len(examples[quirk]) < 3:
                examples[quirk].append(f"{row.row}: {row.code} {row.names.get('name_ru', '')}")
    return quirks, examples


def _quirks_of(row: KatoRow) -> list[str]:
    """KATO's own irregularities: accepted, since the classifier itself has them."""
    if row.code == COUNTRY_CODE or row.parent_code == COUNTRY_CODE:
        return []
    found = []
    parent_depth, depth = kato_depth(row.parent_code), kato_depth(row.code)
    if parent_depth == 4:
        found.append("nested_settlement")
    elif depth - parent_depth > 1:
        found.append("skips_level")
    return found
