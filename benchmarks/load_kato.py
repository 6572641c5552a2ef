"""Times loading the full KATO list into a fresh SQLite database.

    .venv/bin/python benchmarks/load_kato.py [path/to/KATO_17.10.2022_ru.csv]

Prints one line per phase (read and parse, validate, write; wall time) for a first load
into an empty database and for a second load of the same file (which must change nothing),
and the CPU time of each load (the machine may be shared: CPU time is the steadier figure).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO.parent / "shared" / "data" / "kato-2022" / "KATO_17.10.2022_ru.csv"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE
    if not path.exists():
        sys.exit(f"No KATO file at {path}")
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        rows = [time_load(path, "first load (empty database)")]
        rows.append(time_load(path, "second load (same file)"))
        print_table(path, rows)


def setup_django(database: Path) -> None:
    sys.path.insert(0, str(REPO))
    os.environ.pop("DATABASE_URL", None)
    os.environ["AIMAQ_SQLITE_PATH"] = str(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def time_load(path: Path, label: str) -> dict:
    """One run of the load service, with the phase timings it reports."""
    from aimaq.territories.kato_lists import load_territories
    from aimaq.territories.models import Territory

    cpu = time.process_time()
    report = load_territories(path)
    cpu = time.process_time() - cpu
    assert not report.errors, report.errors[:5]
    timings = {
        "read and parse": report.timings["parse"],
        "validate": report.timings["validate"],
        "write": report.timings["write"],
    }
    timings["total"] = sum(timings.values())
    timings["CPU time"] = cpu
    return {
        "label": label,
        "rows": report.rows_read,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "in database": Territory.objects.count(),
        "history rows": Territory.history.count(),
        **timings,
    }


def print_table(path: Path, rows: list[dict]) -> None:
    import django
    from django.db import connection

    print(f"KATO file: {path} · Django {django.get_version()} · {connection.vendor}")
    keys = [k for k in rows[0] if k != "label"]
    width = max(len(k) for k in keys)
    print(f"{'':<{width}}  " + "  ".join(f"{row['label']:>28}" for row in rows))
    for key in keys:
        cells = []
        for row in rows:
            value = row[key]
            cells.append(f"{value:>27.2f}s" if isinstance(value, float) else f"{value:>28}")
        print(f"{key:<{width}}  " + "  ".join(cells))


if __name__ == "__main__":
    main()
