"""One reader for every import: encodings, delimiters, spreadsheets, and the limits."""

import io
import zipfile

import duckdb
import pytest
from openpyxl import Workbook

from aimaq.core.tabular import (
    FileRefused,
    Limits,
    TabularSource,
    check_upload_size,
    number_sql,
    open_table,
    parse_number,
    parse_whole_number,
)

TEXT = "code;name;value\n355200000;Нұра ауданы;4,5\n354800000;Осакаровский район;1 234,5\n"


def read(data: bytes, name: str = "list.csv", **options) -> tuple[list[str], list]:
    with open_table(TabularSource(name, data=data), **options) as table:
        return table.header, list(table.rows())


def refusal(data: bytes, name: str = "list.csv", **options):
    with pytest.raises(FileRefused) as caught:
        read(data, name, **options)
    return caught.value.errors[0]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.replace("Нұра ауданы", "Нуринский район").encode("cp1251"),
    ],
    ids=["utf-8", "utf-8 with BOM", "cp1251"],
)
def test_utf8_with_or_without_bom_and_cp1251_read_alike(data):
    header, rows = read(data)
    assert header == ["code", "name", "value"]
    assert [row for row, _cells in rows] == [2, 3]
    assert rows[1][1] == ["354800000", "Осакаровский район", "1 234,5"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_any_delimiter_is_sniffed(delimiter):
    text = f"code{delimiter}name{delimiter}value\n1{delimiter}a{delimiter}2\n"
    header, rows = read(text.encode())
    assert header == ["code", "name", "value"] and rows == [(2, ["1", "a", "2"])]


def test_a_semicolon_inside_a_quoted_header_does_not_make_it_the_delimiter():
    text = '"Territory; name",year,"value; thousands"\nNura,2022,"4,5"\nAbai,2022,3\n'
    header, rows = read(text.encode())
    assert header == ["Territory; name", "year", "value; thousands"]
    assert rows[0][1] == ["Nura", "2022", "4,5"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them_skipping_empty_ones():
    header, rows = read(b"a,b\n1,2\n\n,\n3,4\n")
    assert [row for row, _cells in rows] == [2, 5]


def test_numbers_with_a_decimal_comma_and_grouping_spaces_read_alike_in_python_and_duckdb():
    samples = ["12.5", "12,5", "1 234,5", "1\u00a0234", "1'234", "-3", "lots", "", "1,2,3"]
    expected = [12.5, 12.5, 1234.5, 1234.0, 1234.0, -3.0, None, None, None]
    assert [parse_number(text) for text in samples] == expected
    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, v VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(samples)))
    in_sql = [v for (v,) in con.execute(f"SELECT {number_sql('v')} FROM t ORDER BY i").fetchall()]
    assert in_sql == expected
    assert [parse_whole_number(t) for t in ("24 000", "24000.0", "5²", "٣", "-1")] == [
        24000, 24000, None, None, None,
    ]  # fmt: skip


def workbook_bytes(rows, title="Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_cells_read_as_the_text_a_person_sees_with_excel_row_numbers():
    import datetime

    data = workbook_bytes(
        [[], ["kato", "period", "value", None], [355200000.0, datetime.date(2022, 3, 1), 4.5],
         [None, None, None], [354800000, 2023, "1 234,5"]]
    )  # fmt: skip
    header, rows = read(data, "figures.xlsx")
    assert header == ["kato", "period", "value"]
    assert rows == [(3, ["355200000", "2022-03", "4.5"]), (5, ["354800000", "2023", "1 234,5"])]


def test_an_unknown_sheet_is_refused_naming_the_sheets():
    error = refusal(workbook_bytes([["a"], [1]], title="Data"), "a.xlsx", sheet="Other")
    assert (error.row, error.column, error.value) == (0, "sheet", "Other")
    assert "Data" in error.expected


def test_a_byte_that_is_no_text_is_refused_naming_its_row_and_column():
    data = "code;name\n1;Нура\n".encode() + b"2;\xd0\x9f\xff\xfe\n"
    error = refusal(data)
    assert (error.row, error.column) == (3, "name")
    assert "UTF-8" in error.expected and "Windows-1251" in error.expected


def test_a_declared_encoding_that_is_wrong_is_refused_at_its_first_bad_byte():
    error = refusal("code,name\n1,Нура\n".encode("cp1251"), encoding="utf-8")
    assert (error.row, error.column) == (2, "name") and "utf-8" in error.expected


def test_utf16_is_refused_as_a_whole():
    error = refusal("a,b\n1,2\n".encode("utf-16"))
    assert (error.row, error.column, error.value) == (1, "encoding", "UTF-16")


def test_an_empty_file_is_refused():
    assert refusal(b"").expected == "a header row and at least one row of values"
    assert refusal(b"\n\n  \n").row == 1


def test_a_file_beyond_the_row_limit_is_refused_before_it_is_read_through():
    limits = Limits(rows=3)
    data = "a,b\n" + "".join(f"{i},x\n" for i in range(10))
    error = refusal(data.encode(), limits=limits)
    assert "at most 3 rows" in error.expected
    xlsx = workbook_bytes([["a", "b"], *[[i, "x"] for i in range(10)]])
    assert "at most 3 rows" in refusal(xlsx, "a.xlsx", limits=limits).expected


def test_a_cell_beyond_the_length_limit_is_refused_naming_it():
    data = ("name,value\nNura,1\n" + "N" * 5000 + ",2\n").encode()
    error = refusal(data, limits=Limits(cell_chars=100))
    assert (error.row, error.column) == (3, "name") and len(error.value) == 41
    assert "at most 100 characters (this one has 5000)" in error.expected


def test_an_upload_beyond_the_size_limit_is_refused_with_both_sizes():
    with pytest.raises(FileRefused) as caught:
        check_upload_size(3 * 1024 * 1024, Limits(upload_bytes=2 * 1024 * 1024))
    message = caught.value.errors[0].message()
    assert "3 MB" in message and "at most 2 MB" in message


def zip_bomb(name: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(name, b" " * size)
    return out.getvalue()


def test_a_workbook_that_unpacks_beyond_the_limit_or_ratio_is_refused_unopened():
    bomb = zip_bomb("xl/worksheets/sheet1.xml", 20 * 1024 * 1024)
    error = refusal(bomb, "a.xlsx", limits=Limits(unpacked_bytes=10 * 1024 * 1024))
    assert error.row == 0 and "at most 10 MB once unpacked" in error.expected
    error = refusal(bomb, "a.xlsx", limits=Limits(unpacked_ratio=50))
    assert "compressed at most 50 times" in error.expected


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_by_name():
    error = refusal(b"\x00\x01", "scan.pdf")
    assert (error.row, error.value) == (0, "scan.pdf")
