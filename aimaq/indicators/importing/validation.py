"""Checking every row of a file and comparing it with the database, with nothing written.

The rows sit in DuckDB (in memory); each distinct indicator code, territory, period,
disaggregation and status is checked once in Python (so 12 million rows cost the checks of a
few thousand distinct cells) and joined back; numbers are parsed in SQL. Every format and
every size of file goes through this one path, so a small upload and a national load obey
the same rules.

The result, `Checked`, keeps the DuckDB relation `staged` of accepted rows with what the
database holds for each key, for `writing.write` to use.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd
from django.db import connection
from django.utils.translation import gettext as _

from ..models import Category, Dimension, Indicator, Observation, ObservationStatus
from .columns import Roles, assign_roles
from .matching import TerritoryIndex
from .periods import check_period
from .readers import FileRefused, _ident, _literal, read_raw
from .types import MAX_ERRORS, ImportPreview, ImportSource, RowError

logger = logging.getLogger("aimaq.indicators.importing")

MISSING = {"", "-", "–", "—", "..", "...", "…", "x", "х", "na", "n/a", "nan", ":"}
TOTAL = {"", "_t", "_z", "total", "all", "итого", "всего", "барлығы", "жиыны"}
STATUS = {
    "final": ObservationStatus.FINAL,
    "f": ObservationStatus.FINAL,
    "a": ObservationStatus.FINAL,
    "окончательные": ObservationStatus.FINAL,
    "provisional": ObservationStatus.PROVISIONAL,
    "p": ObservationStatus.PROVISIONAL,
    "e": ObservationStatus.PROVISIONAL,
    "предварительные": ObservationStatus.PROVISIONAL,
}
# Spaces, no-break spaces and apostrophes group thousands; a comma is a decimal comma.
# Plain numbers (most cells) take the plain cast; the rest are cleaned of grouping spaces
# and apostrophes, with a decimal comma read as a point.
NUMBER_SQL = (
    "coalesce(TRY_CAST(val_raw AS DOUBLE), TRY_CAST(replace(regexp_replace(val_raw, "
    "'[\\s\u00a0\u202f''’]', '', 'g'), ',', '.') AS DOUBLE))"
)
MISSING_SQL = "lower(trim(val_raw)) IN (" + ", ".join("'" + m + "'" for m in sorted(MISSING)) + ")"


class _Clock:
    """Phase durations, logged at DEBUG level (benchmarks/indicators_import.py shows them)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        logger.debug("import: %s in %.2f s", label, now - self.last)
        self.last = now


@dataclass
class Checked:
    con: duckdb.DuckDBPyConnection
    preview: ImportPreview


@contextmanager
def validate(
    source: ImportSource, progress: Callable[[int], None] | None = None
) -> Iterator[Checked]:
    con = duckdb.connect()
    try:
        yield check(con, source, progress)
    finally:
        con.close()


def check(con: duckdb.DuckDBPyConnection, source: ImportSource, progress=None) -> Checked:
    preview = ImportPreview(file_name=source.file_name, file_format=source.extension or "csv")
    started = time.perf_counter()
    try:
        raw = read_raw(con, source, progress)
        logger.debug("import: file read in %.2f s", time.perf_counter() - started)
        preview.file_format = raw.file_format
        if raw.errors:
            raise FileRefused(raw.errors)
        if raw.rows == 0:
            raise FileRefused([RowError(2, _("all columns"), "", _("at least one row of values"))])
        dimensions = _dimensions()
        roles = assign_roles(raw.columns, source.options, set(dimensions))
    except FileRefused as refusal:
        preview.errors = refusal.errors[:MAX_ERRORS]
        preview.error_count = len(refusal.errors)
        preview.refused = len({error.row for error in refusal.errors if error.row > 1})
        return Checked(con, preview)
    clock = _Clock()
    _long_table(con, roles, source)
    clock.lap("long table")
    if progress:
        progress(raw.rows)
    indicators = _check_tokens(con, roles, source, dimensions)
    clock.lap("distinct cells checked")
    _checked_table(con, source)
    clock.lap("joined and errors found")
    _count(con, preview, roles)
    preview.indicators = sorted(code for code, _id in indicators)
    if not preview.error_count:
        _stage(con, [pk for _code, pk in indicators])
        clock.lap("compared with the database")
        _count_changes(con, preview)
    return Checked(con, preview)


# The long table: one value per row ---------------------------------------------------------


def _long_table(con, roles: Roles, source: ImportSource) -> None:
    # Wide files are unpivoted once into a table; long files are read through a view (one
    # copy fewer of millions of cells), cells untrimmed: the checks below trim what they read.
    def text(column: str | None, default: str = "") -> str:
        if column is None:
            return _literal(default)
        if roles.wide:
            return f"trim(coalesce({_ident(column)}, ''))"
        return f"coalesce({_ident(column)}, '')"

    dims = sorted(roles.dimensions.items(), key=lambda item: item[1])
    parts = [f"'{code}=' || {text(column)}" for column, code in dims]
    if roles.disaggregation:
        parts.append(text(roles.disaggregation))
    disaggregation = f"concat_ws(';', {', '.join(parts)})" if parts else "''"
    common = (
        f"_row, {text(roles.indicator, source.options.indicator)} AS ind_raw, "
        f"{text(roles.territory)} AS ter_raw, {disaggregation} AS dis_raw, "
        f"{text(roles.status)} AS st_raw, {text(roles.source, source.options.source)} AS src"
    )
    if roles.wide:
        selects = [
            f"SELECT {common}, {_literal(column)} AS per_raw, {text(column)} AS val_raw, "
            f"{_literal(column)} AS val_col, {_literal(column)} AS per_col FROM raw"
            for column in roles.period_columns
        ]
        query = " UNION ALL ".join(selects)
    else:
        query = (
            f"SELECT {common}, {text(roles.period)} AS per_raw, {text(roles.value)} AS val_raw, "
            f"{_literal(roles.value or '')} AS val_col, {_literal(roles.period or '')} AS per_col FROM raw"
        )
    if roles.wide:
        con.execute(f"CREATE TABLE long AS {query}").fetchall()
        # `raw` is a table (XLSX, SDMX-ML) or a view over `raw_csv` (CSV).
        if con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'raw'").fetchall()[0][
            0
        ]:
            con.execute("DROP VIEW raw").fetchall()
            con.execute("DROP TABLE raw_csv").fetchall()
        else:
            con.execute("DROP TABLE raw").fetchall()
    else:
        con.execute(f"CREATE VIEW long AS {query}").fetchall()
    names = {
        "ind_col": roles.indicator or _("indicator"),
        "ter_col": roles.territory or "",
        "st_col": roles.status or _("status"),
        "src_col": roles.source or _("source"),
        "dis_col": roles.disaggregation or ", ".join(column for column, _c in dims),
    }
    con.execute(
        "CREATE TABLE names AS SELECT "
        + ", ".join(f"{_literal(v)} AS {k}" for k, v in names.items())
    ).fetchall()
    con.execute("CREATE TABLE dim_columns (code VARCHAR, col VARCHAR)").fetchall()
    if dims:
        con.executemany(
            "INSERT INTO dim_columns VALUES (?, ?)", [[code, column] for column, code in dims]
        )


# Distinct cells, checked once ----------------------------------------------------------------


# Each set of columns whose distinct values are checked, by the GROUPING() bits DuckDB gives
# it (a bit is set for each of ind, ter, per, dis, st left out of the set).
SETS = {
    "ind_raw": 0b01111,
    "ter_raw": 0b10111,
    "ind_raw, per_raw": 0b01011,
    "ind_raw, dis_raw": 0b01101,
    "st_raw": 0b11110,
}


def _distinct_cells(con) -> dict[str, list[tuple]]:
    """The distinct values of each set of columns in SETS, in one pass over the rows."""
    found: dict[str, list[tuple]] = {columns: [] for columns in SETS}
    by_bits = {bits: columns for columns, bits in SETS.items()}
    rows = con.execute(
        "SELECT GROUPING(ind_raw, ter_raw, per_raw, dis_raw, st_raw), ind_raw, ter_raw, "
        f"per_raw, dis_raw, st_raw FROM long WHERE NOT {MISSING_SQL} GROUP BY GROUPING SETS "
        + "("
        + ", ".join(f"({columns})" for columns in SETS)
        + ")"
    ).fetchall()
    names = ("ind_raw", "ter_raw", "per_raw", "dis_raw", "st_raw")
    for bits, *values in rows:
        columns = by_bits[bits]
        found[columns].append(tuple(values[names.index(name)] for name in columns.split(", ")))
    return found


def _map_table(con, name: str, columns: list[str], rows: list[tuple]) -> None:
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    con.register(f"{name}_frame", frame)
    casts = ", ".join(
        f"CAST({column} AS {'BIGINT' if column.endswith('_id') else 'VARCHAR'}) AS {column}"
        for column in columns
    )
    con.execute(f"CREATE TABLE {name} AS SELECT {casts} FROM {name}_frame").fetchall()
    con.unregister(f"{name}_frame")


def _check_tokens(con, roles: Roles, source: ImportSource, dimensions) -> list[tuple[str, int]]:
    known = {
        code.lower(): (pk, code, periodicity)
        for pk, code, periodicity in Indicator.objects.values_list("id", "code", "periodicity")
    }
    cells = _distinct_cells(con)
    indicator_rows, used = [], {}
    for (token,) in cells["ind_raw"]:
        found = known.get(token.strip().lower())
        if found:
            used[token] = found
            indicator_rows.append((token, found[0], None))
        else:
            indicator_rows.append((token, None, _("the code of an indicator defined in Aimaq")))
    _map_table(con, "ind_map", ["token", "indicator_id", "err"], indicator_rows)

    territories = TerritoryIndex.load()
    options = source.options
    kato_of = {pk: kato for kato, pk in territories.by_code.items()} if options.scope else {}
    outside = _("a territory you may change (your role does not cover this one)")
    territory_rows = []
    for (token,) in cells["ter_raw"]:
        pk, expected = territories.find(token, options.match or "auto")
        if pk is not None and not options.in_scope(kato_of.get(pk, "")):
            pk, expected = None, outside
        territory_rows.append((token, pk, expected or None))
    _map_table(con, "ter_map", ["token", "territory_id", "err"], territory_rows)

    period_rows = []
    for token, period in cells["ind_raw, per_raw"]:
        periodicity = used[token][2] if token in used else None
        canonical, expected = check_period(period, periodicity)
        period_rows.append((token, period, canonical, expected or None))
    _map_table(con, "per_map", ["ind", "token", "period", "err"], period_rows)

    allowed = _allowed_dimensions([found[0] for found in used.values()])
    dis_rows = []
    for token, text in cells["ind_raw, dis_raw"]:
        indicator_id = used[token][0] if token in used else None
        key, column_code, expected = _disaggregation(
            text, dimensions, allowed.get(indicator_id, set())
        )
        dis_rows.append((token, text, key, column_code, expected))
    _map_table(con, "dis_map", ["ind", "token", "dis", "dim", "err"], dis_rows)

    status_rows = []
    for (token,) in cells["st_raw"]:
        status = (
            STATUS.get(token.strip().lower())
            if token.strip()
            else (source.options.status or ObservationStatus.FINAL)
        )
        status_rows.append(
            (token, status, None if status else _("final or provisional (SDMX: A, P or E)"))
        )
    _map_table(con, "st_map", ["token", "status", "err"], status_rows)
    return [(found[1], found[0]) for found in used.values()]


def _dimensions() -> dict[str, dict[str, str]]:
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
    text: str, dimensions, allowed: set[str]
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


JOINS = """
        FROM long l
        LEFT JOIN ind_map i ON i.token = l.ind_raw
        LEFT JOIN ter_map t ON t.token = l.ter_raw
        LEFT JOIN per_map p ON p.ind = l.ind_raw AND p.token = l.per_raw
        LEFT JOIN dis_map d ON d.ind = l.ind_raw AND d.token = l.dis_raw
        LEFT JOIN st_map s ON s.token = l.st_raw
"""


def _checked_table(con, source: ImportSource) -> None:
    """`checked`: each non-empty value with its ids and whether anything about it is wrong
    (`bad`); `good` the rest. The row-by-row error list (`errors`) is only worked out when
    something is wrong: a clean file, the usual large one, pays for one join."""
    started = time.perf_counter()
    con.execute(
        f"""
        CREATE TABLE checked AS
        SELECT _row, val_col, indicator_id, territory_id, period, dis, status, src, value,
               (cell_bad OR value IS NULL OR NOT isfinite(value) OR length(src) > 255) AS bad
        FROM (
            SELECT l._row, l.val_col, i.indicator_id, t.territory_id, p.period, d.dis, s.status,
                   trim(l.src) AS src, {NUMBER_SQL} AS value,
                   (i.err IS NOT NULL OR t.err IS NOT NULL OR p.err IS NOT NULL
                    OR d.err IS NOT NULL OR s.err IS NOT NULL) AS cell_bad
            {JOINS}
            WHERE NOT {MISSING_SQL.replace("val_raw", "l.val_raw")}
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
    bad = con.execute("SELECT count(*) FROM checked WHERE bad").fetchall()[0][0]
    duplicated = con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM good GROUP BY indicator_id, territory_id, period, dis "
        "HAVING count(*) > 1)"
    ).fetchall()[0][0]
    logger.debug("import: keys checked for duplicates in %.2f s", time.perf_counter() - started)
    if bad or duplicated:
        _find_errors(con, duplicated)


def _find_errors(con, duplicated: int) -> None:
    """Every error, row by row, with the cell as written and what was expected."""
    con.execute(
        f"""
        CREATE TABLE detail AS
        SELECT l._row, l.val_col, l.per_col, l.ind_raw, l.ter_raw, l.per_raw, l.dis_raw, l.st_raw,
               l.val_raw, trim(l.src) AS src,
               i.indicator_id, i.err AS ind_err, t.territory_id, t.err AS ter_err,
               p.period, p.err AS per_err, d.dis, d.dim AS dis_dim, d.err AS dis_err,
               s.status, s.err AS st_err, {NUMBER_SQL} AS value
        {JOINS}
        WHERE NOT {MISSING_SQL.replace("val_raw", "l.val_raw")}
        """
    ).fetchall()
    expect_number = _literal(_("a number, such as 12.5 or 12,5"))
    expect_source = _literal(_("at most 255 characters"))
    con.execute(
        f"""
        INSERT INTO errors
        SELECT _row, ind_col AS col, ind_raw AS val, ind_err AS expected, 1 AS o FROM detail, names WHERE ind_err IS NOT NULL
        UNION ALL SELECT _row, ter_col, ter_raw, ter_err, 2 FROM detail, names WHERE ter_err IS NOT NULL
        UNION ALL SELECT _row, per_col, per_raw, per_err, 3 FROM detail WHERE per_err IS NOT NULL
        UNION ALL SELECT _row, coalesce(dc.col, names.dis_col), dis_raw, dis_err, 4 FROM detail
            CROSS JOIN names LEFT JOIN dim_columns dc ON dc.code = dis_dim WHERE dis_err IS NOT NULL
        UNION ALL SELECT _row, st_col, st_raw, st_err, 5 FROM detail, names WHERE st_err IS NOT NULL
        UNION ALL SELECT _row, val_col, val_raw, {expect_number}, 6 FROM detail
            WHERE value IS NULL OR NOT isfinite(value)
        UNION ALL SELECT _row, src_col, src, {expect_source}, 7 FROM detail, names WHERE length(src) > 255
        """
    ).fetchall()
    # Duplicate keys among rows that are otherwise fine: every copy after the first is refused.
    if duplicated:
        con.execute(
            f"""
            INSERT INTO errors
            SELECT _row, ter_col || ', ' || per_col, ter_raw || ', ' || per_raw,
                   replace({_literal(_("one value per indicator, territory, period and disaggregation; row %(row)s already gives this one"))}, '%(row)s', first_row::VARCHAR), 8
            FROM (SELECT *, min(_row) OVER k AS first_row, row_number() OVER (k ORDER BY _row) AS n
                  FROM detail
                  WHERE ind_err IS NULL AND ter_err IS NULL AND per_err IS NULL AND dis_err IS NULL
                    AND st_err IS NULL AND value IS NOT NULL AND isfinite(value)
                    AND length(src) <= 255
                  WINDOW k AS (PARTITION BY indicator_id, territory_id, period, dis)), names
            WHERE n > 1
            """
        ).fetchall()


def _count(con, preview: ImportPreview, roles: Roles) -> None:
    total = con.execute("SELECT count(*) FROM long").fetchall()[0][0]
    values = con.execute("SELECT count(*) FROM checked").fetchall()[0][0]
    preview.rows_total = int(total)
    preview.skipped = int(total - values)
    error_count = con.execute("SELECT count(*) FROM errors").fetchall()[0][0]
    if roles.wide:
        # A wide row holds several values: count refused values (row × period column).
        refused = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT _row, val_col FROM checked c WHERE EXISTS "
            "(SELECT 1 FROM errors e WHERE e._row = c._row))"
        ).fetchall()[0][0]
    else:
        refused = con.execute("SELECT count(DISTINCT _row) FROM errors").fetchall()[0][0]
    preview.error_count = int(error_count)
    preview.refused = int(refused)
    rows = con.execute(
        f"SELECT _row, col, val, expected FROM errors ORDER BY _row, o LIMIT {MAX_ERRORS}"
    ).fetchall()
    preview.errors = [
        RowError(int(r), str(c or ""), str(v or "")[:200], str(e)) for r, c, v, e in rows
    ]


# Comparing with the database -----------------------------------------------------------------


EXISTING_COLUMNS = (
    "obs_id BIGINT, indicator_id BIGINT, territory_id BIGINT, period VARCHAR, dis VARCHAR, "
    "old_value DOUBLE, old_status VARCHAR"
)
# A few hundred territories or fewer: read only their rows of each indicator (a range of
# the unique index each); more, and reading the indicator's whole range is as cheap.
FEW_TERRITORIES = 500


def _stage(con, indicator_ids: list[int]) -> None:
    """`staged`: accepted rows beside the stored value for the same key, if any."""
    con.execute(f"CREATE TABLE existing ({EXISTING_COLUMNS})").fetchall()
    if indicator_ids:
        territory_ids = [
            int(pk)
            for (pk,) in con.execute(
                f"SELECT DISTINCT territory_id FROM good LIMIT {FEW_TERRITORIES + 1}"
            ).fetchall()
        ]
        if len(territory_ids) > FEW_TERRITORIES:
            territory_ids = []
        if connection.vendor == "sqlite":
            _existing_sqlite(con, sorted(indicator_ids), sorted(territory_ids))
        else:
            _existing_rows(con, indicator_ids, territory_ids)
    if not con.execute("SELECT count(*) FROM (SELECT 1 FROM existing LIMIT 1)").fetchall()[0][0]:
        # Nothing stored for these indicators (a first load): every row is new, and a view
        # spares copying millions of rows into a table of the same rows.
        con.execute(
            """
            CREATE VIEW staged AS
            SELECT _row, indicator_id, territory_id, period, dis, value, status, src,
                   CAST(NULL AS BIGINT) AS obs_id, CAST(NULL AS DOUBLE) AS old_value,
                   CAST(NULL AS VARCHAR) AS old_status, 'new' AS kind
            FROM good
            """
        ).fetchall()
        return
    con.execute(
        """
        CREATE TABLE staged AS
        SELECT g._row, g.indicator_id, g.territory_id, g.period, g.dis, g.value, g.status, g.src,
               e.obs_id, e.old_value, e.old_status,
               CASE WHEN e.obs_id IS NULL THEN 'new'
                    WHEN e.old_value = g.value AND e.old_status = g.status THEN 'unchanged'
                    ELSE 'changed' END AS kind
        FROM good g
        LEFT JOIN existing e USING (indicator_id, territory_id, period, dis)
        """
    ).fetchall()


def _existing_sqlite(con, indicator_ids: list[int], territory_ids: list[int]) -> None:
    """The stored rows of the file's indicators (× territories), as SQLite itself writes
    them out: one text per indicator, read by one SELECT on the unique index, then parsed by
    DuckDB's CSV reader. Millions of rows never become Python objects (reading them row by
    row cost ~4 µs each; this ~1.5 µs, nearly all of it SQLite's own)."""
    table = Observation._meta.db_table
    where = "indicator_id = ?"
    if territory_ids:
        where += f" AND territory_id IN ({', '.join(str(pk) for pk in territory_ids)})"
    # Unit separator between fields: codes, periods and statuses never contain it. One
    # printf a row is a third faster than concatenating; %!.17g reads back exactly. The
    # indicator is in the file's folder name and the import run of a replaced value is read
    # when its revision is written: fewer bytes to write and parse.
    row = (
        "printf('%d\x1f%d\x1f%s\x1f%s\x1f%!.17g\x1f%s', id, territory_id, period, "
        "disaggregation, value, status)"
    )
    sql = f"SELECT group_concat({row}, char(10)) FROM {table} WHERE {where}"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aimaq-import-") as folder:
        files = write_out_stored(sql, indicator_ids, folder)
        logger.debug(
            "import: stored rows written out by SQLite in %.2f s", time.perf_counter() - started
        )
        if files:
            columns = "{'obs_id': 'BIGINT', 'territory_id': 'BIGINT', 'period': 'VARCHAR', "
            columns += "'dis': 'VARCHAR', 'old_value': 'DOUBLE', 'old_status': 'VARCHAR'}"
            # The indicator comes from the folder name (hive partitioning): a constant per
            # file, where a regular expression on each row's file name cost 2.5 s in 12M.
            con.execute(
                "INSERT INTO existing SELECT obs_id, indicator_id, territory_id, period, "
                "coalesce(dis, ''), old_value, old_status "
                "FROM read_csv(?, delim=?, quote='', escape='', header=false, "
                "auto_detect=false, hive_partitioning=true, "
                f"hive_types={{'indicator_id': 'BIGINT'}}, columns={columns})",
                [files, "\x1f"],
            ).fetchall()


def write_out_stored(sql: str, indicator_ids: list[int], folder: str) -> list[str]:
    """Runs `sql` (one text of stored rows per indicator id) on Django's connection and
    writes each non-empty text to `<folder>/indicator_id=<id>/rows.txt`; returns the files.

    Reading with two connections in two threads was measured: slower (1.2 s → 1.8 s for
    1.2M rows), the threads contend inside SQLite, so one connection reads them all."""
    connection.ensure_connection()
    files = []
    for indicator_id in indicator_ids:
        (text,) = connection.connection.execute(sql, (indicator_id,)).fetchone()
        if text:
            part = os.path.join(folder, f"indicator_id={int(indicator_id)}")
            os.makedirs(part, exist_ok=True)
            files.append(os.path.join(part, "rows.txt"))
            with open(files[-1], "w", encoding="utf-8") as out:
                out.write(text)
                out.write("\n")
    return files


def _existing_rows(con, indicator_ids: list[int], territory_ids: list[int]) -> None:
    """The stored rows through the database cursor (PostgreSQL and others)."""
    table = Observation._meta.db_table
    placeholders = ", ".join(["%s"] * len(indicator_ids))
    where = f"indicator_id IN ({placeholders})"
    if territory_ids:
        where += f" AND territory_id IN ({', '.join(str(pk) for pk in territory_ids)})"
    columns = [
        "obs_id",
        "indicator_id",
        "territory_id",
        "period",
        "dis",
        "old_value",
        "old_status",
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, indicator_id, territory_id, period, disaggregation, value, status "
            f"FROM {table} WHERE {where}",
            indicator_ids,
        )
        while chunk := cursor.fetchmany(200_000):
            frame = pd.DataFrame.from_records(chunk, columns=columns)
            con.register("existing_frame", frame)
            con.execute("INSERT INTO existing SELECT * FROM existing_frame").fetchall()
            con.unregister("existing_frame")


def _count_changes(con, preview: ImportPreview) -> None:
    counts = dict(con.execute("SELECT kind, count(*) FROM staged GROUP BY kind").fetchall())
    preview.new = int(counts.get("new", 0))
    preview.changed = int(counts.get("changed", 0))
    preview.unchanged = int(counts.get("unchanged", 0))
