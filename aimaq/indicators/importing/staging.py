"""The DuckDB tables on either side of the checks: the file's values, one per row (`long`),
and the accepted rows beside what the database holds for each key (`staged`)."""

from __future__ import annotations

import logging
import tempfile
import time

import duckdb
from django.db import connection
from django.utils.translation import gettext as _

from ..models import Observation
from .columns import Roles
from .readers import _ident, _literal, _scalar
from .stored_text import write_out_stored
from .types import ImportPreview, ImportSource

logger = logging.getLogger("aimaq.indicators.importing")


# The long table: one value per row ---------------------------------------------------------


def long_table(con: duckdb.DuckDBPyConnection, roles: Roles, source: ImportSource) -> None:
    """`long`: one value per row, each cell as text; `names` and `dim_columns`: the file's
    column for each part of a row, to name it in an error."""

    # Wide files are unpivoted once into a table; long files are read through a view (one
    # copy fewer of millions of cells), cells untrimmed: the checks trim what they read.
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
        query = " UNION ALL ".join(
            f"SELECT {common}, {_literal(column)} AS per_raw, {text(column)} AS val_raw, "
            f"{_literal(column)} AS val_col, {_literal(column)} AS per_col FROM raw"
            for column in roles.period_columns
        )
        con.execute(f"CREATE TABLE long AS {query}").fetchall()
        # `raw` is a table (XLSX, SDMX-ML) or a view over `raw_csv` (CSV).
        if _scalar(con, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'raw'"):
            con.execute("DROP VIEW raw").fetchall()
            con.execute("DROP TABLE raw_csv").fetchall()
        else:
            con.execute("DROP TABLE raw").fetchall()
    else:
        query = (
            f"SELECT {common}, {text(roles.period)} AS per_raw, {text(roles.value)} AS val_raw, "
            f"{_literal(roles.value or '')} AS val_col, {_literal(roles.period or '')} AS per_col FROM raw"
        )
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


# Comparing with the database -----------------------------------------------------------------


# The stored rows of the file's indicators, as `existing` holds them.
EXISTING = {
    "indicator_id": "BIGINT",
    "territory_id": "BIGINT",
    "period": "VARCHAR",
    "dis": "VARCHAR",
    "old_value": "DOUBLE",
    "old_status": "VARCHAR",
    "old_run": "BIGINT",
}
# A few hundred territories or fewer: read only their rows of each indicator (a range of
# the key each); more, and reading the indicator's whole range is as cheap.
FEW_TERRITORIES = 500


def stage(
    con: duckdb.DuckDBPyConnection, indicator_ids: list[int], *, first_of_each_key: bool = False
) -> None:
    """`staged`: accepted rows beside the stored value for the same key, if any.
    `first_of_each_key`: of rows giving the same key, only the first (the later copies are
    refused; with refused rows left out, they must not reach the write)."""
    if first_of_each_key:
        con.execute("ALTER VIEW good RENAME TO good_all").fetchall()
        con.execute(
            "CREATE VIEW good AS SELECT * FROM good_all QUALIFY row_number() OVER "
            "(PARTITION BY indicator_id, territory_id, period, dis ORDER BY _row, val_col) = 1"
        ).fetchall()
    columns = ", ".join(f"{name} {kind}" for name, kind in EXISTING.items())
    con.execute(f"CREATE TABLE existing ({columns})").fetchall()
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
            rows = _scalar(con, "SELECT count(*) FROM good")
            _existing_sqlite(con, sorted(indicator_ids), sorted(territory_ids), rows)
        else:
            _existing_rows(con, indicator_ids, territory_ids)
    if not _scalar(con, "SELECT count(*) FROM (SELECT 1 FROM existing LIMIT 1)"):
        # Nothing stored for these indicators (a first load): every row is new, and a view
        # spares copying millions of rows into a table of the same rows.
        con.execute(
            """
            CREATE VIEW staged AS
            SELECT _row, indicator_id, territory_id, period, dis, value, status, src,
                   CAST(NULL AS DOUBLE) AS old_value,
                   CAST(NULL AS VARCHAR) AS old_status, CAST(NULL AS BIGINT) AS old_run,
                   'new' AS kind
            FROM good
            """
        ).fetchall()
        return
    con.execute(
        """
        CREATE TABLE staged AS
        SELECT g._row, g.indicator_id, g.territory_id, g.period, g.dis, g.value, g.status, g.src,
               e.old_value, e.old_status, e.old_run,
               CASE WHEN e.old_value IS NULL THEN 'new'
                    WHEN e.old_value = g.value AND e.old_status = g.status THEN 'unchanged'
                    ELSE 'changed' END AS kind
        FROM good g
        LEFT JOIN existing e USING (indicator_id, territory_id, period, dis)
        """
    ).fetchall()


def _stored_where(indicator_filter: str, territory_ids: list[int]) -> str:
    """The WHERE clause reading stored observations: the indicators, and the territories
    when there are few of them (ids from the database, written inline)."""
    if not territory_ids:
        return indicator_filter
    return f"{indicator_filter} AND territory_id IN ({', '.join(str(pk) for pk in territory_ids)})"


def _existing_sqlite(
    con: duckdb.DuckDBPyConnection,
    indicator_ids: list[int],
    territory_ids: list[int],
    expected_rows: int,
) -> None:
    """The stored rows of the file's indicators (× territories), as SQLite itself writes
    them out: one text per indicator, read by one SELECT on a range of the key, then parsed by
    DuckDB's CSV reader. Millions of rows never become Python objects (reading them row by
    row cost ~4 µs each; this ~1.5 µs, nearly all of it SQLite's own)."""
    table = Observation._meta.db_table
    ids = ", ".join(str(int(pk)) for pk in indicator_ids)
    any_stored = f"SELECT EXISTS (SELECT 1 FROM {table} WHERE indicator_id IN ({ids}))"
    connection.ensure_connection()
    if not connection.connection.execute(any_stored).fetchone()[0]:
        return  # a first load of these indicators: nothing to read
    where = _stored_where("indicator_id = ?", territory_ids)
    # Unit separator between fields: codes, periods and statuses never contain it. One
    # printf a row is a third faster than concatenating; %!.17g reads back exactly. The
    # indicator is in the file's folder name: fewer bytes to write and parse. The import
    # run that wrote a value goes into its revision if the value is replaced.
    row = (
        "printf('%d\x1f%s\x1f%s\x1f%!.17g\x1f%s\x1f%s', territory_id, period, "
        "disaggregation, value, status, ifnull(import_run_id, ''))"
    )
    sql = f"SELECT group_concat({row}, char(10)) FROM {table} WHERE {where}"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aimaq-import-") as folder:
        files = write_out_stored(sql, indicator_ids, folder, expected_rows=expected_rows)
        logger.debug(
            "import: stored rows written out by SQLite in %.2f s", time.perf_counter() - started
        )
        if files:
            columns = ", ".join(
                f"'{name}': '{kind}'" for name, kind in EXISTING.items() if name != "indicator_id"
            )
            # The indicator comes from the folder name (hive partitioning): a constant per
            # file, where a regular expression on each row's file name cost 2.5 s in 12M.
            con.execute(
                "INSERT INTO existing SELECT indicator_id, territory_id, period, "
                "coalesce(dis, ''), old_value, old_status, old_run "
                "FROM read_csv(?, delim=?, quote='', escape='', header=false, "
                "auto_detect=false, hive_partitioning=true, "
                f"hive_types={{'indicator_id': 'BIGINT'}}, columns={{{columns}}})",
                [files, "\x1f"],
            ).fetchall()
            logger.debug(
                "import: stored rows read by DuckDB in %.2f s", time.perf_counter() - started
            )


def _existing_rows(
    con: duckdb.DuckDBPyConnection, indicator_ids: list[int], territory_ids: list[int]
) -> None:
    """The stored rows through the database cursor (PostgreSQL and others)."""
    import pandas as pd

    table = Observation._meta.db_table
    placeholders = ", ".join(["%s"] * len(indicator_ids))
    where = _stored_where(f"indicator_id IN ({placeholders})", territory_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indicator_id, territory_id, period, disaggregation, value, status, "
            f"import_run_id FROM {table} WHERE {where}",
            indicator_ids,
        )
        while chunk := cursor.fetchmany(200_000):
            frame = pd.DataFrame.from_records(chunk, columns=list(EXISTING))
            con.register("existing_frame", frame)
            con.execute("INSERT INTO existing SELECT * FROM existing_frame").fetchall()
            con.unregister("existing_frame")


def count_changes(con: duckdb.DuckDBPyConnection, preview: ImportPreview) -> None:
    """The preview's counts of new, changed and unchanged values: of keys, when errors (a
    key given twice among them) leave the file to be put right first."""
    rows = (
        "count(DISTINCT (indicator_id, territory_id, period, dis))"
        if preview.error_count
        else "count(*)"
    )
    counts = dict(con.execute(f"SELECT kind, {rows} FROM staged GROUP BY kind").fetchall())
    preview.new = int(counts.get("new", 0))
    preview.changed = int(counts.get("changed", 0))
    preview.unchanged = int(counts.get("unchanged", 0))


CHANGES_SHOWN = 50


def first_changes(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The first changed values of the file, old → new, for the preview to show."""
    rows = con.execute(
        "SELECT _row, indicator_id, territory_id, period, dis, old_value, value FROM staged "
        f"WHERE kind = 'changed' ORDER BY _row LIMIT {CHANGES_SHOWN}"
    ).fetchall()
    if not rows:
        return []
    from aimaq.core.i18n import localized
    from aimaq.territories.models import Territory

    from ..models import Indicator

    codes = dict(Indicator.objects.filter(pk__in={r[1] for r in rows}).values_list("id", "code"))
    units = {
        unit.pk: f"{localized(unit, 'name')} ({unit.kato})"
        for unit in Territory.objects.filter(pk__in={r[2] for r in rows}).only(
            "kato", "name_kk", "name_ru", "name_en"
        )
    }
    return [
        {
            "row": int(row),
            "indicator": codes.get(indicator, ""),
            "territory": units.get(territory, ""),
            "period": period,
            "disaggregation": dis,
            "old": old,
            "new": new,
        }
        for row, indicator, territory, period, dis, old, new in rows
    ]
