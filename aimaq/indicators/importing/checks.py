"""The checks of every value in `long`: each distinct cell checked once in Python, joined back
to the rows, and, when anything is wrong, the errors row by row.

Tables made here: the checked cells (`ind_map`, `ter_map`, `per_map`, `dis_map`, `st_map`:
token → id or what was expected), `checked` (each non-empty value with its ids and whether
it is `bad`), the view `good` (the rest) and `errors` (row, column, cell, what was expected).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import duckdb
from django.utils.translation import gettext as _

from aimaq.core.tabular import Limits, number_sql

from ..models import Category, Dimension, Indicator, ObservationStatus
from .listing import MatchListing
from .matching import TerritoryIndex
from .periods import PeriodFilter, check_period, not_begun_message, parse_period
from .readers import _literal, _scalar
from .types import MAX_ERRORS, ImportPreview, ImportSource, RowError

logger = logging.getLogger("aimaq.indicators.importing")

MISSING = {"", "-", "–", "—", "..", "...", "…", "x", "х", "na", "n/a", "nan", ":"}
TOTAL = {"", "_t", "_z", "total", "all", "итого", "всего", "барлығы", "жиыны"}
# Spellings of statuses; single letters are SDMX's OBS_STATUS codes (A normal, P
# provisional, E estimated, F forecast).
STATUS = {
    "final": ObservationStatus.FINAL,
    "a": ObservationStatus.FINAL,
    "окончательные": ObservationStatus.FINAL,
    "окончательное": ObservationStatus.FINAL,
    "факт": ObservationStatus.FINAL,
    "нақты": ObservationStatus.FINAL,
    "provisional": ObservationStatus.PROVISIONAL,
    "p": ObservationStatus.PROVISIONAL,
    "e": ObservationStatus.PROVISIONAL,
    "предварительные": ObservationStatus.PROVISIONAL,
    "предварительное": ObservationStatus.PROVISIONAL,
    "алдын ала": ObservationStatus.PROVISIONAL,
    "projection": ObservationStatus.PROJECTION,
    "forecast": ObservationStatus.PROJECTION,
    "f": ObservationStatus.PROJECTION,
    "прогноз": ObservationStatus.PROJECTION,
    "прогнозное": ObservationStatus.PROJECTION,
    "прогнозные": ObservationStatus.PROJECTION,
    "проекция": ObservationStatus.PROJECTION,
    "болжам": ObservationStatus.PROJECTION,
}
# Numbers as every import reads them (a decimal comma, grouping spaces and apostrophes).
NUMBER_SQL = number_sql("val_raw")
VALUE_BAD_SQL = "value IS NULL OR NOT isfinite(value)"
SOURCE_BAD_SQL = "length(src) > 255"


def _missing_sql(column: str) -> str:
    """SQL: the cell `column` holds no value (empty, or a sign for “not available”)."""
    return f"lower(trim({column})) IN ({', '.join(_literal(m) for m in sorted(MISSING))})"


# Distinct cells, checked once ----------------------------------------------------------------


# Each set of columns whose distinct values are checked, by the GROUPING() bits DuckDB gives
# it (a bit is set for each of ind, ter, per, dis, st left out of the set).
SETS = {
    "ind_raw": 0b01111,
    "ter_raw, per_raw": 0b10011,
    "ind_raw, per_raw": 0b01011,
    "ind_raw, dis_raw": 0b01101,
    "st_raw": 0b11110,
}


def _distinct_cells(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The distinct values of each set of columns in SETS, in one pass over the rows."""
    found: dict[str, list[tuple]] = {columns: [] for columns in SETS}
    by_bits = {bits: columns for columns, bits in SETS.items()}
    rows = con.execute(
        "SELECT GROUPING(ind_raw, ter_raw, per_raw, dis_raw, st_raw), ind_raw, ter_raw, "
        f"per_raw, dis_raw, st_raw FROM long WHERE NOT {_missing_sql('val_raw')} "
        f"GROUP BY GROUPING SETS ({', '.join(f'({columns})' for columns in SETS)})"
    ).fetchall()
    names = ("ind_raw", "ter_raw", "per_raw", "dis_raw", "st_raw")
    for bits, *values in rows:
        columns = by_bits[bits]
        found[columns].append(tuple(values[names.index(name)] for name in columns.split(", ")))
    return found


def _map_table(con: duckdb.DuckDBPyConnection, name: str, columns: list[str], rows: list) -> None:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    con.register(f"{name}_frame", frame)

    def kind(column: str) -> str:
        if column.endswith("_id"):
            return "BIGINT"
        return "BOOLEAN" if column in ("future", "keep") else "VARCHAR"

    casts = ", ".join(f"CAST({column} AS {kind(column)}) AS {column}" for column in columns)
    con.execute(f"CREATE TABLE {name} AS SELECT {casts} FROM {name}_frame").fetchall()
    con.unregister(f"{name}_frame")


def check_cells(
    con: duckdb.DuckDBPyConnection, source: ImportSource, dimensions: dict[str, dict[str, str]]
) -> tuple[list[tuple[str, int]], list[dict]]:
    """Checks each distinct cell of `long` once, into the `*_map` tables; returns the
    (code, id) of the indicators the file names, and how each territory name was read."""
    known = {
        code.lower(): (pk, code, periodicity)
        for pk, code, periodicity in Indicator.objects.values_list("id", "code", "periodicity")
    }
    cells = _distinct_cells(con)
    indicator_rows: list[tuple[str, int | None, str | None]] = []
    used: dict[str, tuple[int, str, str]] = {}
    for (token,) in cells["ind_raw"]:
        found = known.get(token.strip().lower())
        if found:
            used[token] = found
            indicator_rows.append((token, found[0], None))
        else:
            indicator_rows.append((token, None, _("the code of an indicator defined in Aimaq")))
    _map_table(con, "ind_map", ["token", "indicator_id", "err"], indicator_rows)

    options = source.options
    territory_rows, matches = _territory_cells(cells["ter_raw, per_raw"], options)
    _map_table(con, "ter_map", ["token", "per", "territory_id", "err"], territory_rows)

    period_rows = []
    wanted = PeriodFilter(options.periods)
    for token, period in cells["ind_raw, per_raw"]:
        periodicity = used[token][2] if token in used else None
        canonical, expected, future = check_period(period, periodicity)
        keep = canonical is None or wanted.keeps(canonical)
        period_rows.append((token, period, canonical, expected or None, future, keep))
    _map_table(con, "per_map", ["ind", "token", "period", "err", "future", "keep"], period_rows)

    allowed = _allowed_dimensions([found[0] for found in used.values()])
    dis_rows = []
    for token, text in cells["ind_raw, dis_raw"]:
        allowed_here = allowed.get(used[token][0], set()) if token in used else set()
        key, column_code, problem = _disaggregation(text, dimensions, allowed_here)
        dis_rows.append((token, text, key, column_code, problem))
    _map_table(con, "dis_map", ["ind", "token", "dis", "dim", "err"], dis_rows)

    status_rows = []
    for (token,) in cells["st_raw"]:
        status = (
            STATUS.get(token.strip().lower())
            if token.strip()
            else (options.status or ObservationStatus.FINAL)
        )
        status_rows.append(
            (
                token,
                status,
                None if status else _("final, provisional or projection (SDMX: A, P, E or F)"),
            )
        )
    _map_table(con, "st_map", ["token", "status", "err"], status_rows)
    return [(found[1], found[0]) for found in used.values()], matches


def _territory_cells(pairs: list[tuple], options) -> tuple[list[tuple], list[dict]]:
    """Each distinct (territory cell, period cell) read as a unit valid in that period; and
    the listing the preview shows: each distinct name with the unit it was read as."""
    territories = TerritoryIndex.load()
    outside = _("a territory you may change (your role does not cover this one)")
    rows, listing = [], MatchListing(territories)
    # Closest names are searched for the first few unknown names only: a file of thousands
    # of unknown names needs correcting as a whole, not a suggestion for each.
    suggestions = Limits.from_settings().fuzzy_cells
    unknown: set[str] = set()
    for token, period_text in pairs:
        parsed = parse_period(period_text)
        match = territories.find(
            token,
            parsed[0] if parsed else "",
            options.match or "auto",
            picks=options.names,
            suggest=len(unknown) < suggestions or token in unknown,
        )
        if match.territory_id is None:
            unknown.add(token)
        pk = match.territory_id
        if pk is not None and not options.in_scope(territories.units[pk].kato):
            match = replace(match, territory_id=None, expected=outside)
        rows.append((token, period_text, match.territory_id, match.expected or None))
        listing.add(token, parsed[0] if parsed else period_text, match)
    return rows, listing.entries()


def dimension_spellings() -> dict[str, dict[str, str]]:
    """{dimension code: {spelling (lowercase code, names, SDMX letter): category code}}"""
    out: dict[str, dict[str, str]] = {
        code: {} for code in Dimension.objects.values_list("code", flat=True)
    }
    initials: dict[tuple[str, str], list[str]] = {}
    for dimension, code, *names in Category.objects.values_list(
        "dimension__code", "code", "name_kk", "name_ru", "name_en"
    ):
        spellings = out[dimension]
        for spelling in (code, *names):
            if spelling:
                spellings[spelling.strip().lower()] = code
        initials.setdefault((dimension, code[0].lower()), []).append(code)
    for (dimension, initial), codes in initials.items():
        if len(codes) == 1:
            out[dimension].setdefault(initial, codes[0])
    return out


def _allowed_dimensions(indicator_ids: list[int]) -> dict[int, set[str]]:
    allowed: dict[int, set[str]] = {pk: set() for pk in indicator_ids}
    through = Indicator.dimensions.through.objects.filter(indicator_id__in=indicator_ids)
    for indicator_id, code in through.values_list("indicator_id", "dimension__code"):
        allowed[indicator_id].add(code)
    return allowed


def _disaggregation(
    text: str, dimensions: dict[str, dict[str, str]], allowed: set[str]
) -> tuple[str | None, str | None, str | None]:
    """(canonical key, None, None), or (None, dimension at fault, what was expected)."""
    pairs = {}
    for part in (p for p in text.split(";") if p.strip()):
        dimension, _sep, value = part.partition("=")
        dimension, value = dimension.strip().lower(), value.strip()
        if value.lower() in TOTAL:
            continue
        spellings = dimensions.get(dimension)
        if spellings is None or dimension not in allowed:
            return (
                None,
                dimension,
                _("a disaggregation of the indicator (%(allowed)s) or a total")
                % {"allowed": ", ".join(sorted(allowed)) or _("none")},
            )
        category = spellings.get(value.lower())
        if category is None:
            return (
                None,
                dimension,
                _("a category of “%(dimension)s”: %(codes)s")
                % {
                    "dimension": dimension,
                    "codes": ", ".join(sorted(set(spellings.values()))),
                },
            )
        pairs[dimension] = category
    return ";".join(f"{d}={c}" for d, c in sorted(pairs.items())), None, None


# Joining back and finding the errors ---------------------------------------------------------


# Each non-empty value of `long` beside its checked cells.
JOINED = f"""
        FROM long l
        LEFT JOIN ind_map i ON i.token = l.ind_raw
        LEFT JOIN ter_map t ON t.token = l.ter_raw AND t.per = l.per_raw
        LEFT JOIN per_map p ON p.ind = l.ind_raw AND p.token = l.per_raw
        LEFT JOIN dis_map d ON d.ind = l.ind_raw AND d.token = l.dis_raw
        LEFT JOIN st_map s ON s.token = l.st_raw
        WHERE NOT {_missing_sql("l.val_raw")} AND coalesce(p.keep, true)
"""
# A period to come is refused unless the value is a projection.
NOT_BEGUN_SQL = "coalesce(future, false) AND coalesce(status, '') <> 'projection'"


def checked_table(con: duckdb.DuckDBPyConnection) -> None:
    """`checked`: each non-empty value with its ids and whether anything about it is wrong
    (`bad`); `good` the rest. The row-by-row error list (`errors`) is only worked out when
    something is wrong: a clean file, the usual large one, pays for one join."""
    started = time.perf_counter()
    con.execute(
        f"""
        CREATE TABLE checked AS
        SELECT _row, val_col, indicator_id, territory_id, period, dis, status, src, value,
               (cell_bad OR {VALUE_BAD_SQL} OR {SOURCE_BAD_SQL} OR {NOT_BEGUN_SQL}) AS bad
        FROM (
            SELECT l._row, l.val_col, i.indicator_id, t.territory_id, p.period, d.dis, s.status,
                   p.future, trim(l.src) AS src, {NUMBER_SQL} AS value,
                   (i.err IS NOT NULL OR t.err IS NOT NULL OR p.err IS NOT NULL
                    OR d.err IS NOT NULL OR s.err IS NOT NULL) AS cell_bad
            {JOINED}
        )
        """
    ).fetchall()
    logger.debug(
        "import: rows joined to their checked cells in %.2f s", time.perf_counter() - started
    )
    con.execute("CREATE VIEW good AS SELECT * FROM checked WHERE NOT bad").fetchall()
    con.execute(
        "CREATE TABLE errors (_row BIGINT, col VARCHAR, val VARCHAR, expected VARCHAR, o INTEGER)"
    ).fetchall()
    bad = _scalar(con, "SELECT count(*) FROM checked WHERE bad")
    duplicated = _scalar(
        con,
        "SELECT count(*) FROM (SELECT 1 FROM good GROUP BY indicator_id, territory_id, period, dis "
        "HAVING count(*) > 1)",
    )
    logger.debug("import: keys checked for duplicates in %.2f s", time.perf_counter() - started)
    if bad or duplicated:
        _find_errors(con, duplicated)


def _find_errors(con: duckdb.DuckDBPyConnection, duplicated: int) -> None:
    """Every error, row by row, with the cell as written and what was expected."""
    con.execute(
        f"""
        CREATE TABLE detail AS
        SELECT l._row, l.val_col, l.per_col, l.ind_raw, l.ter_raw, l.per_raw, l.dis_raw, l.st_raw,
               l.val_raw, trim(l.src) AS src,
               i.indicator_id, i.err AS ind_err, t.territory_id, t.err AS ter_err,
               p.period, p.err AS per_err, p.future, d.dis, d.dim AS dis_dim, d.err AS dis_err,
               s.status, s.err AS st_err, {NUMBER_SQL} AS value
        {JOINED}
        """
    ).fetchall()
    expect_number = _literal(_("a number, such as 12.5 or 12,5"))
    expect_begun = _literal(not_begun_message())
    expect_source = _literal(_("at most 255 characters"))
    con.execute(
        f"""
        INSERT INTO errors
        SELECT _row, ind_col AS col, ind_raw AS val, ind_err AS expected, 1 AS o FROM detail, names WHERE ind_err IS NOT NULL
        UNION ALL SELECT _row, ter_col, ter_raw, ter_err, 2 FROM detail, names WHERE ter_err IS NOT NULL
        UNION ALL SELECT _row, per_col, per_raw, per_err, 3 FROM detail WHERE per_err IS NOT NULL
        UNION ALL SELECT _row, per_col, per_raw, {expect_begun}, 3 FROM detail
            WHERE per_err IS NULL AND st_err IS NULL AND {NOT_BEGUN_SQL}
        UNION ALL SELECT _row, coalesce(dc.col, names.dis_col), dis_raw, dis_err, 4 FROM detail
            CROSS JOIN names LEFT JOIN dim_columns dc ON dc.code = dis_dim WHERE dis_err IS NOT NULL
        UNION ALL SELECT _row, st_col, st_raw, st_err, 5 FROM detail, names WHERE st_err IS NOT NULL
        UNION ALL SELECT _row, val_col, val_raw, {expect_number}, 6 FROM detail WHERE {VALUE_BAD_SQL}
        UNION ALL SELECT _row, src_col, src, {expect_source}, 7 FROM detail, names WHERE {SOURCE_BAD_SQL}
        """
    ).fetchall()
    # Duplicate keys among rows that are otherwise fine: every copy after the first is refused.
    if duplicated:
        # Outside the f-string, so that makemessages finds the message (it skips f-strings).
        expect_once = _literal(
            _(
                "one value per indicator, territory, period and disaggregation; row %(row)s "
                "already gives this one"
            )
        )
        con.execute(
            f"""
            INSERT INTO errors
            SELECT _row, ter_col || ', ' || per_col, ter_raw || ', ' || per_raw,
                   replace({expect_once}, '%(row)s', first_row::VARCHAR), 8
            FROM (SELECT *, min(_row) OVER k AS first_row, row_number() OVER (k ORDER BY _row) AS n
                  FROM detail
                  WHERE ind_err IS NULL AND ter_err IS NULL AND per_err IS NULL AND dis_err IS NULL
                    AND st_err IS NULL AND NOT ({VALUE_BAD_SQL} OR {SOURCE_BAD_SQL} OR {NOT_BEGUN_SQL})
                  WINDOW k AS (PARTITION BY indicator_id, territory_id, period, dis)), names
            WHERE n > 1
            """
        ).fetchall()


def count_errors(con: duckdb.DuckDBPyConnection, preview: ImportPreview, wide: bool) -> None:
    """The preview's row counts and its first MAX_ERRORS errors."""
    total = _scalar(con, "SELECT count(*) FROM long")
    values = _scalar(con, "SELECT count(*) FROM checked")
    left_out = _scalar(
        con,
        "SELECT count(*) FROM long l JOIN per_map p ON p.ind = l.ind_raw AND p.token = l.per_raw "
        f"WHERE NOT p.keep AND NOT {_missing_sql('l.val_raw')}",
    )
    preview.rows_total = int(total)
    preview.left_out = int(left_out)
    preview.skipped = int(total - values - left_out)
    if wide:
        # A wide row holds several values: count refused values (row × period column).
        refused = _scalar(
            con,
            "SELECT count(*) FROM (SELECT DISTINCT _row, val_col FROM checked c WHERE EXISTS "
            "(SELECT 1 FROM errors e WHERE e._row = c._row))",
        )
    else:
        refused = _scalar(con, "SELECT count(DISTINCT _row) FROM errors")
    preview.error_count = int(_scalar(con, "SELECT count(*) FROM errors"))
    preview.refused = int(refused)
    rows = con.execute(
        f"SELECT _row, col, val, expected FROM errors ORDER BY _row, o LIMIT {MAX_ERRORS}"
    ).fetchall()
    preview.errors = [
        RowError(int(r), str(c or ""), str(v or "")[:200], str(e)) for r, c, v, e in rows
    ]
