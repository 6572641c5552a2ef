"""Loading KATO lists (CSV or XLSX) into the territory tree: validate all, then write all.

Two layouts are read:
- the statistics office's list, `id;parent_id;code;name` (parent by row id, Russian names
  carrying level abbreviations such as "с.о." or "Г.А.");
- Aimaq's own, `code;parent_code;name_ru;name_kk;name_en;level;population;population_year`
  (only `code`, `parent_code` and one name column are required).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from time import perf_counter

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .kato import (
    COUNTRY_CODE,
    coerce_kato,
    is_consistent_child,
    is_valid_kato,
    kato_depth,
    kato_prefix,
)
from .models import Level, Territory

NAME_COLUMNS = ("name_kk", "name_ru", "name_en")
OPTIONAL_COLUMNS = ("level", "population", "population_year")
HEADER_ALIASES = {"name": "name_ru", "kato": "code", "код": "code"}
MAX_NAME_LENGTH = 255
BATCH_SIZE = 500
COUNTRY_NAMES = {"name_kk": "Қазақстан", "name_ru": "Казахстан", "name_en": "Kazakhstan"}

# Windows-1251 characters a Russian or Kazakh list may well contain; other characters of
# its 0x80–0xBF block (Ђ, Ѓ, ‰, Љ…) mean the bytes were not Windows-1251 text after all.
_CP1251_PLAUSIBLE = set("«»–—№ёЁ“”„’‘…•ІіЇїЄєҐґ°±·\u00a0")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RowError:
    """One refused value: where it is, what it was, and what was expected."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column “%(column)s”, value “%(value)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class TableError(Exception):
    """The file as a whole cannot be read (empty, not text, missing column)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error


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
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    by_id: bool  # the statistics office's id;parent_id layout


@dataclass
class LoadReport:
    """What a load read, wrote and refused; `refused` means nothing was written."""

    source: str
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    quirks: Counter = field(default_factory=Counter)
    quirk_examples: dict[str, list[str]] = field(default_factory=dict)
    level_sources: Counter = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    skip_invalid: bool = False
    dry_run: bool = False
    country_created: bool = False
    written: bool = False

    @property
    def refused(self) -> bool:
        return bool(self.errors) and not self.skip_invalid


# --- reading -------------------------------------------------------------------------


def read_table(path: Path) -> Table:
    """The header (normalised) and the rows of a CSV or XLSX file, each with its row number
    as a spreadsheet shows it (the header is row 1). Raises TableError."""
    data = path.read_bytes()
    if not data.strip():
        raise TableError(RowError(1, "", "", _("The file is empty.")))
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        raw_rows = _xlsx_rows(data)
    else:
        raw_rows = _csv_rows(decode_text(data))
    raw_rows = [(number, cells) for number, cells in raw_rows if any(c.strip() for c in cells)]
    if not raw_rows:
        raise TableError(RowError(1, "", "", _("The file is empty.")))
    (_number, header_cells), body = raw_rows[0], raw_rows[1:]
    header = [_header_name(cell) for cell in header_cells]
    if not body:
        raise TableError(RowError(2, "", "", _("The file has a header but no rows.")))
    rows = [
        (number, dict(zip(header, cells + [""] * len(header), strict=False)))
        for number, cells in body
    ]
    table = Table(header=header, rows=rows, by_id="id" in header and "parent_id" in header)
    _check_columns(table)
    return table


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or Windows-1251 text; TableError when it is neither."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" not in data:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError as exc:
            first_bad = exc.start
        else:
            if _plausible_cp1251(text):
                return text
    row = data[:first_bad].count(b"\n") + 1
    raise TableError(
        RowError(
            row,
            "",
            data[first_bad : first_bad + 8].hex(" "),
            _("The file is neither UTF-8 nor Windows-1251 text; save it as “CSV UTF-8”."),
        )
    )


def _plausible_cp1251(text: str) -> bool:
    if _CONTROL.search(text):
        return False
    odd = [c for c in text if "\u0080" <= c <= "\u04ff" and not _is_letter_or_plausible(c)]
    return not odd


def _is_letter_or_plausible(char: str) -> bool:
    return "\u0410" <= char <= "\u044f" or char in _CP1251_PLAUSIBLE


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, [cell.strip() for cell in cells]))
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError(
            RowError(1, "", "", _("Not a readable XLSX workbook (%(error)s).") % {"error": exc})
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_name(cell: str) -> str:
    name = cell.strip().lstrip("\ufeff").strip().lower()
    return HEADER_ALIASES.get(name, name)


def _check_columns(table: Table) -> None:
    required = ["id", "parent_id", "code"] if table.by_id else ["code", "parent_code"]
    expected = ", ".join(required + ["name_ru|name_kk|name_en"])
    for column in required:
        if column not in table.header:
            raise TableError(
                RowError(
                    1, column, "", _("missing column; expected %(cols)s.") % {"cols": expected}
                )
            )
    if not any(column in table.header for column in NAME_COLUMNS):
        raise TableError(
            RowError(1, "name_ru", "", _("missing column; expected %(cols)s.") % {"cols": expected})
        )


# --- levels and names from the statistics office's Russian names ----------------------

_ADMIN_MARKS = {
    "Г.А.": (Level.CITY_OBLAST, "городская администрация"),
    "г.а.": (Level.TOWN, "городская администрация"),
    "р.а.": (Level.CITY_DISTRICT, "районная администрация"),
    "п.а.": (Level.TOWNSHIP, "поселковая администрация"),
    "с.а.": (Level.RURAL_OKRUG, "сельская администрация"),
    "с.о.": (Level.RURAL_OKRUG, "сельский округ"),
}
_ADMIN_SUFFIX = re.compile(
    r"^(?P<stem>.+?)\s*(?P<mark>Г\.А\.|г\.а\.|р\.а\.|п\.а\.|с\.а\.|с\.о\.?)$"
)
_ADMIN_PREFIX = re.compile(r"^(?P<mark>г\.а\.|р\.а\.|п\.а\.|с\.а\.|с\.о\.)\s*(?P<stem>.+)$")
_OBLAST = re.compile(r"(^область\s)|(\sобласть$)")
_RAYON = re.compile(r"(^район\s)|(\sрайон$)", re.IGNORECASE)
_TOWN = re.compile(r"^г\.\s*(?P<stem>[^\s.].*)$")
_SETTLEMENT_PREFIX = re.compile(
    r"^(?P<mark>с\.|п\.|уч\.|ст\.|рзд\.|отг\.|отд\.|ост\.|жив\.|маш\.|кр\.\s?хоз\.?|"
    r"крес\.\s?пос\.|зимовка|заимка|станция|разъезд)\s*(?P<stem>.*)$",
    re.IGNORECASE,
)
_SETTLEMENT_SUFFIX = re.compile(r"\s(с\.|ст\.)$")
_ADJECTIVE_ENDINGS = ("ий", "ый", "ой", "ая", "яя", "ое", "ее")
_CITY_LEVELS = {Level.CITY_REPUBLICAN, Level.CITY_OBLAST, Level.CITY_DISTRICT, Level.TOWN}


def read_russian_name(name: str, parent_level: str) -> tuple[str | None, str]:
    """The level a KATO Russian name states (None when it states none) and the name made
    readable: "Жараспайский с.о." → "Жараспайский сельский округ", "Семей Г.А." →
    "Семей (городская администрация)", "с.Абралы" → "с. Абралы"."""
    name = " ".join(name.split())
    match = _ADMIN_SUFFIX.match(name) or _ADMIN_PREFIX.match(name)
    if match:
        mark = match["mark"] if match["mark"] != "с.о" else "с.о."
        level, phrase = _ADMIN_MARKS[mark]
        suffix_form = match.re is _ADMIN_SUFFIX
        return level, _admin_name(match["stem"].strip(), phrase, mark == "с.о.", suffix_form)
    if _OBLAST.search(name):
        return Level.OBLAST, name
    if _RAYON.search(name):
        return (Level.CITY_DISTRICT if parent_level in _CITY_LEVELS else Level.RAYON), name
    if match := _TOWN.match(name):
        level = Level.CITY_REPUBLICAN if parent_level == Level.COUNTRY else Level.TOWN
        return level, f"г. {match['stem']}"
    if match := _SETTLEMENT_PREFIX.match(name):
        mark, stem = match["mark"], match["stem"]
        return Level.SETTLEMENT, f"{mark} {stem}" if mark.endswith(".") and stem else name
    if _SETTLEMENT_SUFFIX.search(name):
        return Level.SETTLEMENT, name
    return None, name


def _admin_name(stem: str, phrase: str, okrug: bool, suffix_form: bool) -> str:
    # "Жараспайский с.о." reads as an adjective before the noun; "с.о.Атамекен" and
    # "Семей Г.А." are proper names, written after "сельский округ" or before "(…)".
    if suffix_form and stem.split()[-1].endswith(_ADJECTIVE_ENDINGS):
        return f"{stem} {phrase}"
    return f"{phrase} {stem}" if okrug else f"{stem} ({phrase})"


def level_from_structure(code: str) -> str:
    """The level KATO's digits suggest when the name says nothing."""
    depth = kato_depth(code)
    if depth == 0:
        return Level.COUNTRY
    if depth == 1:
        return Level.CITY_REPUBLICAN if code[:2] in ("71", "75", "79") else Level.OBLAST
    if depth == 2:
        return Level.CITY_OBLAST if int(code[2:4]) < 30 else Level.RAYON
    if depth == 3:
        return Level.TOWN if code[4:6] in ("10", "20") else Level.RURAL_OKRUG
    return Level.SETTLEMENT


# --- validation ----------------------------------------------------------------------


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
    rows = [_parse_row(number, cells, table, errors) for number, cells in table.rows]
    _mark_duplicates(rows, errors)
    _resolve_parents(rows, table, existing_levels, errors)
    loadable, skipped = _without_refused_branches(rows, {error.row for error in errors})
    loadable.sort(key=lambda row: (len(kato_prefix(row.code)), row.code))
    quirks, examples = _assign_levels(loadable, existing_levels)
    errors.sort(key=lambda error: (error.row, error.column))
    return Validation(loadable, errors, sorted(skipped), quirks, examples)


def _parse_row(number: int, cells: dict[str, str], table: Table, errors: list[RowError]) -> KatoRow:
    code = coerce_kato(cells.get("code", ""))
    row = KatoRow(
        row=number,
        code=code,
        parent_ref=cells.get("parent_id" if table.by_id else "parent_code", "").strip(),
        row_id=cells.get("id", "").strip(),
    )
    if not is_valid_kato(code):
        errors.append(
            RowError(
                number, "code", code, _("expected a KATO code of 9 digits, such as 355200000.")
            )
        )
    for column in NAME_COLUMNS:
        value = " ".join(cells.get(column, "").split())
        if len(value) > MAX_NAME_LENGTH:
            errors.append(
                RowError(number, column, value[:40] + "…", _("a name is at most 255 characters."))
            )
        elif value:
            row.names[column] = value
    if not row.names:
        errors.append(RowError(number, "name_ru", "", _("every row needs a name.")))
    row.level = _parse_level(number, cells.get("level", ""), errors)
    row.population = _parse_count(number, "population", cells.get("population", ""), errors)
    row.population_year = _parse_count(
        number, "population_year", cells.get("population_year", ""), errors
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
                _("expected one of %(levels)s.") % {"levels": ", ".join(Level.values)},
            )
        )
        return ""
    return value


def _parse_count(number: int, column: str, value: str, errors: list[RowError]) -> int | None:
    value = value.replace(" ", "").replace("\u00a0", "")
    if not value:
        return None
    if value.endswith(".0"):
        value = value[:-2]
    if not value.isdigit():
        errors.append(RowError(number, column, value, _("expected a whole number, 0 or more.")))
        return None
    return int(value)


def _mark_duplicates(rows: list[KatoRow], errors: list[RowError]) -> None:
    first_row: dict[str, int] = {}
    for row in rows:
        if row.code in first_row and is_valid_kato(row.code):
            errors.append(
                RowError(
                    row.row,
                    "code",
                    row.code,
                    _("duplicate code; it is already on row %(row)s.")
                    % {"row": first_row[row.code]},
                )
            )
        first_row.setdefault(row.code, row.row)


def _resolve_parents(
    rows: list[KatoRow], table: Table, existing: dict[str, str], errors: list[RowError]
) -> None:
    """Turn each parent reference into the parent's code and check the code nests under it."""
    by_code: dict[str, KatoRow] = {}
    for row in rows:
        by_code.setdefault(row.code, row)
    by_id = _rows_by_id(rows, errors) if table.by_id else {}
    column = "parent_id" if table.by_id else "parent_code"
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
                        _("only first-level units (such as 350000000) may have no parent."),
                    )
                )
            continue
        parent = by_id.get(ref) if table.by_id else by_code.get(coerce_kato(ref))
        parent_code = parent.code if parent else ("" if table.by_id else coerce_kato(ref))
        if not parent and parent_code not in existing:
            errors.append(
                RowError(
                    row.row,
                    column,
                    ref,
                    _("unknown parent: no such row in the file or territory in the database."),
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
                    _("the code does not sit under its parent's code %(parent)s.")
                    % {"parent": parent_code},
                )
            )


def _rows_by_id(rows: list[KatoRow], errors: list[RowError]) -> dict[str, KatoRow]:
    by_id: dict[str, KatoRow] = {}
    for row in rows:
        if row.row_id in by_id:
            errors.append(
                RowError(
                    row.row,
                    "id",
                    row.row_id,
                    _("duplicate id; it is already on row %(row)s.")
                    % {"row": by_id[row.row_id].row},
                )
            )
            continue
        by_id[row.row_id] = row
    return by_id


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


# --- writing -------------------------------------------------------------------------


@dataclass
class Plan:
    creates: list[KatoRow] = field(default_factory=list)
    updates: list[tuple[Territory, dict[str, object], str]] = field(default_factory=list)
    unchanged: int = 0


def plan_changes(rows: list[KatoRow], existing: dict[str, Territory]) -> Plan:
    """Which rows create a territory, which change one (only in the columns the file has,
    never wiping a name it leaves empty), which leave it as it is."""
    plan = Plan()
    for row in rows:
        territory = existing.get(row.code)
        if territory is None:
            plan.creates.append(row)
            continue
        changes = _changes(territory, row, existing)
        if changes:
            plan.updates.append((territory, changes, row.parent_code))
        else:
            plan.unchanged += 1
    return plan


def _changes(territory: Territory, row: KatoRow, existing: dict[str, Territory]) -> dict:
    wanted: dict[str, object] = {**row.names, "level": row.level}
    if row.population is not None:
        wanted["population"] = row.population
    if row.population_year is not None:
        wanted["population_year"] = row.population_year
    changes = {name: value for name, value in wanted.items() if getattr(territory, name) != value}
    if row.code != COUNTRY_CODE:
        parent = existing.get(row.parent_code)
        if parent is None or territory.parent_id != parent.pk:
            changes["parent_id"] = None  # set once the parent exists
    return changes


def write_plan(
    plan: Plan, existing: dict[str, Territory], *, valid_from: date | None, reason: str
) -> None:
    """Create parents before children (wave by wave of code depth), then update; one
    history row per territory touched, all tagged with `reason`."""
    ids = {code: territory.pk for code, territory in existing.items()}
    waves: dict[int, list[KatoRow]] = {}
    for row in plan.creates:
        waves.setdefault(len(kato_prefix(row.code)), []).append(row)
    for _depth, wave in sorted(waves.items()):
        objs = [_new_territory(row, ids, valid_from) for row in wave]
        created = bulk_create_with_history(
            objs, Territory, batch_size=BATCH_SIZE, default_change_reason=reason
        )
        ids.update({territory.kato: territory.pk for territory in created})
    if not plan.updates:
        return
    fields: set[str] = set()
    objs = []
    for territory, changes, parent_code in plan.updates:
        for name, value in changes.items():
            setattr(territory, name, ids[parent_code] if name == "parent_id" else value)
        fields |= set(changes)
        objs.append(territory)
    bulk_update_with_history(
        objs, Territory, sorted(fields), batch_size=BATCH_SIZE, default_change_reason=reason
    )


def _new_territory(row: KatoRow, ids: dict[str, int], valid_from: date | None) -> Territory:
    territory = Territory(
        kato=row.code,
        level=row.level,
        parent_id=None if row.code == COUNTRY_CODE else ids[row.parent_code],
        population=row.population,
        population_year=row.population_year,
        **row.names,
    )
    if valid_from:
        territory.valid_from = valid_from
    return territory


def _ensure_country(existing: dict[str, Territory], report: LoadReport) -> None:
    if COUNTRY_CODE not in existing:
        existing[COUNTRY_CODE] = Territory.objects.create(
            kato=COUNTRY_CODE, level=Level.COUNTRY, **COUNTRY_NAMES
        )
        report.created += 1
        report.country_created = True


# --- the service ---------------------------------------------------------------------


def load_territories(
    path: Path,
    *,
    skip_invalid: bool = False,
    valid_from: date | None = None,
    dry_run: bool = False,
) -> LoadReport:
    """Load a KATO list into the current territory tree, keyed on the KATO code.

    Promises: the whole file is validated before anything is written; if any row is
    refused nothing is written, unless `skip_invalid`, which leaves out refused rows and
    every row below them. What is written lands in one transaction; the country root is
    created when missing; re-loading the same file changes nothing; columns the file lacks
    (and empty cells) never overwrite what is stored. `dry_run` reports without writing.
    """
    report = LoadReport(source=path.name, skip_invalid=skip_invalid, dry_run=dry_run)
    started = perf_counter()
    try:
        table = read_table(path)
    except TableError as exc:
        report.errors.append(exc.error)
        report.skip_invalid = False  # an unreadable file cannot be partly loaded
        return report
    report.rows_read = len(table.rows)
    report.timings["parse"] = perf_counter() - started

    started = perf_counter()
    existing = _current_territories()
    validation = validate_table(table, {code: t.level for code, t in existing.items()})
    report.errors = validation.errors
    report.skipped_rows = validation.skipped_rows
    report.quirks, report.quirk_examples = validation.quirks, validation.quirk_examples
    report.level_sources = Counter(row.level_source for row in validation.rows)
    report.timings["validate"] = perf_counter() - started
    if report.refused:
        return report

    started = perf_counter()
    with transaction.atomic():
        _ensure_country(existing, report)
        plan = plan_changes(validation.rows, existing)
        report.created += len(plan.creates)
        report.updated, report.unchanged = len(plan.updates), plan.unchanged
        if dry_run:
            transaction.set_rollback(True)
        else:
            write_plan(plan, existing, valid_from=valid_from, reason=_reason(path))
            report.written = True
    report.timings["write"] = perf_counter() - started
    return report


def _current_territories() -> dict[str, Territory]:
    return {territory.kato: territory for territory in Territory.objects.current()}


def _reason(path: Path) -> str:
    return f"load_territories {path.name}"[:100]
