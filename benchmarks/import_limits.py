"""Import limits under load: peak memory and time of the file check for a large honest CSV,
an Excel-maximum XLSX, and each hostile file, every one below 500 MB of memory.

    .venv/bin/python benchmarks/import_limits.py [--keep]

Builds a fresh SQLite database with the national territory tree and synthetic indicators
(benchmarks/indicators_dataset.py), writes the files, then runs the check each upload gets
(core's upload size limit, then the observation import's whole-file check, as the background
check job runs it) in a fresh process per file, reading that process's peak memory (maxrss).

  csv-50mb        a 50 MB CSV of observations (accepted)
  xlsx-max        1,048,575 rows, the most an Excel sheet holds (accepted)
  upload-209mb    a 209 MB CSV (refused: upload size)
  long-cell       a 1 MB CSV whose one territory cell holds 1,000,000 characters (refused: cell length)
  bomb-rows       a small XLSX of rows unpacking to 1.08 GiB (refused: unpacked size)
  bomb-spaces     a ~1.2 MB XLSX unpacking to 1.17 GiB of whitespace (refused: unpacked size)
  bomb-ratio      a workbook under the size limit (400 MB) compressed 1,000 times (refused: ratio)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from indicators_dataset import build_registry, cleanup, setup_django, write_csv

HERE = Path(__file__).resolve().parent
MIB = 1024 * 1024
EXCEL_ROWS = 1_048_576

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def _cell(column: str, row: int, value, numbered: bool) -> str:
    where = f' r="{column}{row}"' if numbered else ""
    if isinstance(value, int | float):
        return f"<c{where}><v>{value}</v></c>"
    return f'<c{where} t="inlineStr"><is><t>{value}</t></is></c>'


def write_xlsx(path: Path, rows, *, filler: int = 0, numbered: bool = True) -> None:
    """A minimal workbook (one sheet, inline strings) streamed into the zip; `filler` bytes
    of whitespace after the rows make a whitespace bomb; rows without their optional
    numbers (`numbered=False`) repeat exactly and compress like a crafted file."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.encode())
            buffer: list[str] = []
            for number, values in enumerate(rows, start=1):
                cells = "".join(_cell("ABCD"[i], number, v, numbered) for i, v in enumerate(values))
                buffer.append(
                    f'<row r="{number}">{cells}</row>' if numbered else f"<row>{cells}</row>"
                )
                if len(buffer) >= 10_000:
                    sheet.write("".join(buffer).encode())
                    buffer = []
            sheet.write("".join(buffer).encode())
            spaces = b" " * MIB
            while filler > 0:
                sheet.write(spaces[: min(filler, MIB)])
                filler -= MIB
            sheet.write(SHEET_TAIL.encode())


def observation_rows(csv_path: Path, limit: int):
    import csv

    with csv_path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        yield next(reader)
        for count, (indicator, kato, period, value) in enumerate(reader):
            if count >= limit:
                return
            yield [indicator, kato, int(period) if period.isdigit() else period, float(value)]


def bomb_rows(unpacked: int):
    """Rows of one value each until about `unpacked` bytes of sheet XML."""
    yield ["indicator", "kato", "period", "value"]
    size, number = 0, 1
    while size < unpacked:
        number += 1
        size += 110
        yield ["ind000", "350000000", 2020, 1.5]


CASES = ("csv-50mb", "xlsx-max", "upload-209mb", "long-cell", "bomb-rows", "bomb-spaces",
         "bomb-ratio")  # fmt: skip


def make_files(folder: Path, registry: dict, cases: list[str]) -> dict[str, Path]:
    files: dict[str, Path] = {}
    started = time.perf_counter()
    csv_path = folder / "observations-50mb.csv"
    if {"csv-50mb", "xlsx-max", "upload-209mb"} & set(cases):
        write_csv(csv_path, registry)
    if "csv-50mb" in cases:
        files["csv-50mb"] = csv_path
    if "xlsx-max" in cases:
        files["xlsx-max"] = folder / "excel-maximum.xlsx"
        write_xlsx(files["xlsx-max"], observation_rows(csv_path, EXCEL_ROWS - 1))
    if "upload-209mb" in cases:
        files["upload-209mb"] = folder / "upload-209mb.csv"
        with files["upload-209mb"].open("wb") as out, csv_path.open("rb") as source:
            data = source.read()
            body = data[data.index(b"\n") + 1 :]
            out.write(data)
            while out.tell() < 209 * MIB:
                out.write(body[: 209 * MIB - out.tell()])
    if "long-cell" in cases:
        files["long-cell"] = folder / "long-cell.csv"
        files["long-cell"].write_text(
            "indicator,territory,period,value\nind000," + "Ж" * 1_000_000 + ",2020,1.5\n",
            encoding="cp1251",
        )
    if "bomb-rows" in cases:
        files["bomb-rows"] = folder / "bomb-rows.xlsx"
        write_xlsx(files["bomb-rows"], bomb_rows(int(1.08 * 1024 * MIB)), numbered=False)
    if "bomb-spaces" in cases:
        files["bomb-spaces"] = folder / "bomb-spaces.xlsx"
        write_xlsx(files["bomb-spaces"], [["indicator", "kato", "period", "value"]],
                   filler=int(1.17 * 1024 * MIB))  # fmt: skip
    if "bomb-ratio" in cases:
        files["bomb-ratio"] = folder / "bomb-ratio.xlsx"
        write_xlsx(files["bomb-ratio"], [["indicator", "kato", "period", "value"]],
                   filler=400 * MIB)  # fmt: skip
    print(f"files written in {time.perf_counter() - started:.0f} s")
    return files


def unpacked_size(path: Path) -> str:
    if path.suffix != ".xlsx":
        return ""
    with zipfile.ZipFile(path) as book:
        size = sum(member.file_size for member in book.infolist())
    return f"{size / MIB:,.0f} MB unpacked"


def run_case(name: str, path: Path, db_path: Path) -> dict:
    """The check in a fresh process, timed from start to exit, Python's start-up included."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--db", str(db_path)],
        capture_output=True,
        cwd=HERE,
    )
    seconds = time.perf_counter() - started
    result = json.loads(done.stdout.decode() or "{}") if done.returncode == 0 else {}
    if done.returncode:
        result = {"outcome": "CRASHED", "why": done.stderr.decode()[-300:], "peak_mb": 0}
    return {"case": name, "seconds": seconds, **result}


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: of its own address space, so a parent's
    memory before exec does not count, as it would in getrusage's maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(path: Path, db_path: Path) -> None:
    """One upload's check, as the web's background check job runs it."""
    os.environ["AIMAQ_SQLITE_PATH"] = str(db_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    os.environ.setdefault("AIMAQ_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.utils import translation

    from aimaq.core.tabular import FileRefused, check_upload_size
    from aimaq.indicators.importing.types import ImportOptions, ImportSource
    from aimaq.indicators.services import preview_import

    translation.activate("en")
    options = ImportOptions(match="auto")
    source = ImportSource(file_name=path.name, path=path, options=options)
    try:
        check_upload_size(path.stat().st_size)
    except FileRefused as refusal:
        outcome = {"outcome": "refused", "why": refusal.errors[0].message()}
    else:
        preview = preview_import(source)
        if preview.is_refused:
            why = preview.errors[0].message() if preview.errors else preview.summary()
            outcome = {"outcome": "refused", "why": why}
        else:
            outcome = {"outcome": "accepted", "why": preview.summary()}
    outcome["why"] = outcome["why"][:150]
    print(json.dumps({**outcome, "peak_mb": peak_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--scale", type=float, default=0.14, help="0.14: a ~50 MB CSV")
    parser.add_argument("--only", nargs="*", choices=CASES, help="run only these cases")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db)
        return
    db_path = setup_django()
    registry = build_registry(args.scale)
    files = make_files(db_path.parent, registry, args.only or list(CASES))
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results = [run_case(name, path, db_path) for name, path in files.items()]
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"\n{'case':14} {'file':>24} {'seconds':>8} {'peak MB':>8}  outcome")
    for result in results:
        path = files[result["case"]]
        size = f"{path.stat().st_size / MIB:,.1f} MB"
        unpacked = unpacked_size(path)
        print(
            f"{result['case']:14} {size + (' / ' + unpacked if unpacked else ''):>24} "
            f"{result['seconds']:>8.1f} {result['peak_mb']:>8.0f}  "
            f"{result.get('outcome', 'CRASHED')}: {result.get('why', '')}"
        )
    worst = max(result["peak_mb"] for result in results)
    print(f"\nhighest peak: {worst:.0f} MB (the bound: 500 MB)")


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()
