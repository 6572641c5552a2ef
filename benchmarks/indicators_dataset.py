"""A national-scale synthetic evidence base for the indicator benchmarks, from a seed.

20 oblasts › ~200 rayons › ~2,300 rural okrugs (KATO-shaped codes), 300 annual indicators
over 15 years, and quarterly figures (the last year's four quarters) for 50 of them:
2,521 units × (300 × 15 + 50 × 4) ≈ 11.85 million observations at --scale 1. `--scale`
shrinks the number of indicators (the tree always has national size).

Used by benchmarks/indicators_import.py and benchmarks/indicators_aggregate.py; running it
alone writes the CSV: `python benchmarks/indicators_dataset.py --scale 0.1 --out /tmp/obs.csv`.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OBLASTS = ["10", "11", "15", "19", "23", "27", "31", "33", "35", "39", "43", "47", "55", "59",
           "61", "62", "63", "71", "75", "79"]  # fmt: skip
YEARS = [str(year) for year in range(2010, 2025)]
QUARTERS = [f"2024-Q{q}" for q in range(1, 5)]
SEED = 2026


_WORKDIRS: list[Path] = []


def setup_django(db_path: Path | None = None) -> Path:
    """A fresh SQLite database (WAL, as in production settings) with the schema migrated,
    in a temporary folder that `cleanup()` removes."""
    if db_path is None:
        workdir = Path(tempfile.mkdtemp(prefix="aimaq-bench-indicators-"))
        _WORKDIRS.append(workdir)
        db_path = workdir / "bench.sqlite3"
    os.environ["AIMAQ_SQLITE_PATH"] = str(db_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    os.environ.setdefault("AIMAQ_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return db_path


def cleanup() -> None:
    import shutil

    for workdir in _WORKDIRS:
        shutil.rmtree(workdir, ignore_errors=True)


def tree_rows(rng: random.Random) -> list[tuple[str, str, str | None, int]]:
    """(kato, level, parent kato, population): 20 oblasts, 10 rayons each, ~11.5 okrugs each."""
    rows = [("000000000", "country", None, 0)]
    for ab in OBLASTS:
        oblast = f"{ab}0000000"
        rows.append((oblast, "oblast", "000000000", 0))
        for r in range(10):
            rayon = f"{ab}{30 + r * 2:02d}00000"
            rows.append((rayon, "rayon", oblast, 0))
            for k in range(11 + (r % 2) + (1 if ab in ("35", "63") and r < 5 else 0)):
                rows.append(
                    (
                        f"{rayon[:4]}{30 + k * 4:02d}000",
                        "rural_okrug",
                        rayon,
                        rng.randint(800, 9000),
                    )
                )
    return rows


def build_registry(scale: float = 1.0) -> dict:
    """Territories and indicators in the database; returns what the generator needs."""
    from aimaq.indicators.models import Aggregation, Indicator, Periodicity
    from aimaq.territories.models import Level, Territory

    rng = random.Random(SEED)
    rows = tree_rows(rng)
    by_kato: dict[str, Territory] = {}
    for kato, level, parent, population in rows:
        unit = Territory(kato=kato, level=level, name_en=f"Unit {kato}", name_ru=f"Единица {kato}",
                         population=population or None, parent=by_kato.get(parent) if parent else None)  # fmt: skip
        unit.save()
        by_kato[kato] = unit
    annual = max(1, round(300 * scale))
    quarterly = max(1, round(50 * scale))
    rules = [Aggregation.SUM, Aggregation.POPULATION_WEIGHTED, Aggregation.MIN, Aggregation.MAX]
    indicators = [
        Indicator(
            code=f"ind{i:03d}",
            name_en=f"Indicator {i}",
            direction="neutral",
            theme="social",
            aggregation=rules[i % len(rules)],
            periodicity=Periodicity.YEAR,
        )  # fmt: skip
        for i in range(annual)
    ] + [
        Indicator(
            code=f"qtr{i:03d}",
            name_en=f"Quarterly {i}",
            direction="neutral",
            theme="economy",
            aggregation=Aggregation.SUM,
            periodicity=Periodicity.QUARTER,
        )  # fmt: skip
        for i in range(quarterly)
    ]
    Indicator.objects.bulk_create(indicators)
    assert Level.RURAL_OKRUG == "rural_okrug"
    return {
        "katos": [row[0] for row in rows if row[1] != "country"],
        "annual": [f"ind{i:03d}" for i in range(annual)],
        "quarterly": [f"qtr{i:03d}" for i in range(quarterly)],
    }


def write_csv(path: Path, registry: dict, seed: int = SEED) -> int:
    """The observations as a long CSV (indicator,kato,period,value); returns the row count.
    Values come from a seeded hash of the key, so a run with the same seed is identical."""
    import duckdb
    import pandas as pd

    con = duckdb.connect()
    con.register("units", pd.DataFrame({"kato": registry["katos"]}))
    series = [(code, year) for code in registry["annual"] for year in YEARS]
    series += [(code, quarter) for code in registry["quarterly"] for quarter in QUARTERS]
    con.register("series", pd.DataFrame(series, columns=["indicator", "period"]))
    con.execute(
        f"""
        COPY (
            SELECT s.indicator, u.kato, s.period,
                   round((hash(s.indicator || u.kato || s.period || '{seed}') % 1000000) / 100.0, 2) AS value
            FROM series s, units u
            ORDER BY s.indicator, u.kato, s.period
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    ).fetchall()
    count = con.execute(f"SELECT count(*) FROM read_csv('{path}')").fetchall()[0][0]
    con.close()
    return int(count)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "aimaq-observations.csv"
    )
    args = parser.parse_args()
    setup_django()
    started = time.perf_counter()
    try:
        registry = build_registry(args.scale)
        rows = write_csv(args.out, registry)
    finally:
        cleanup()
    print(f"{rows:,} rows → {args.out} in {time.perf_counter() - started:.1f} s")
