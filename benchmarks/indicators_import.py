"""Import speed: validated rows per second into SQLite, next to DuckDB's own read_csv.

    .venv/bin/python benchmarks/indicators_import.py [--scale 0.1] [--skip-reimport]

Builds a fresh SQLite database with the national tree and the synthetic indicators
(benchmarks/indicators_dataset.py), writes the CSV, then times, in the same run:
  duckdb read_csv   DuckDB reading the file into a table (typed, its own sniffer)
  preview           the import service checking every row against the database
  import            run_import: check again + write all rows in one transaction
  re-import         the same file again: every row found unchanged, nothing written
"""

from __future__ import annotations

import argparse
import os
import time

from indicators_dataset import build_registry, cleanup, setup_django, write_csv


def timed(label: str, rows: int, func, results: list):
    started = time.perf_counter()
    value = func()
    seconds = time.perf_counter() - started
    results.append((label, rows, seconds))
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--skip-reimport", action="store_true")
    parser.add_argument("--phases", action="store_true", help="log each phase's duration")
    args = parser.parse_args()
    db_path = setup_django()
    if args.phases:
        import logging

        logging.basicConfig(format="    %(message)s")
        logging.getLogger("aimaq.indicators.importing").setLevel(logging.DEBUG)
    import duckdb

    from aimaq.indicators.importing.types import ImportSource
    from aimaq.indicators.models import ImportRun, Observation
    from aimaq.indicators.services import preview_import, run_import

    registry = build_registry(args.scale)
    csv_path = db_path.parent / "observations.csv"
    rows = write_csv(csv_path, registry)
    size = csv_path.stat().st_size / 1e6
    print(f"scale {args.scale}: {rows:,} rows, {size:,.0f} MB CSV, database {db_path}")
    # Other work on the machine slows every figure alike; the "vs duckdb" column, timed in
    # the same run, is the figure to compare between runs.
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    results: list = []

    def duckdb_read():
        con = duckdb.connect()
        con.execute(
            f"CREATE TABLE t AS SELECT * FROM read_csv('{csv_path}', types={{'period': 'VARCHAR', 'kato': 'VARCHAR'}})"
        ).fetchall()
        count = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
        con.close()
        return count

    timed("duckdb read_csv", rows, duckdb_read, results)
    source = ImportSource(file_name=csv_path.name, path=csv_path)
    preview = timed("preview (check only)", rows, lambda: preview_import(source), results)
    assert preview.new == rows and not preview.is_refused, preview.summary()

    def do_import():
        run = ImportRun.objects.create(file_name=csv_path.name, file_format="csv")
        return run_import(run, source=source)

    run = timed("import (check + write)", rows, do_import, results)
    assert run.status == "done" and run.new == rows, (run.status, run.errors[:3])
    assert Observation.objects.count() == rows
    if not args.skip_reimport:
        again = timed("re-import (all unchanged)", rows, do_import, results)
        assert again.unchanged == rows and again.new == again.changed == 0
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"\n{'step':28} {'rows':>12} {'seconds':>9} {'rows/s':>12}  vs duckdb")
    base = results[0][2]
    for label, count, seconds in results:
        print(
            f"{label:28} {count:>12,} {seconds:>9.2f} {count / seconds:>12,.0f}  {seconds / base:>6.1f}×"
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()
