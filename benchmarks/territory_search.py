"""Times territory search over the full KATO list (16,265 units).

    .venv/bin/python benchmarks/territory_search.py [path/to/KATO_17.10.2022_ru.csv]

Loads the list into a fresh SQLite database, builds the search index once (cold), then
prints p50/p95/max of warm searches for transliterations, typos and KATO prefixes.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from load_kato import DEFAULT_FILE, setup_django

QUERIES = [
    "Karagandy", "Qaraghandy", "Караганда", "Қарағанды", "Oskemen", "Ust-Kamenogorsk",
    "Shemonaiha", "Glubokoe", "Zharaspai", "Izendi", "Kievka", "Nur-Sultan", "Akmeshit",
    "Semipalatinsk", "3552", "355243000", "Туркестан", "Zhanaarka", "Balkhash", "Aral",
]  # fmt: skip


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE
    if not path.exists():
        sys.exit(f"No KATO file at {path}")
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from aimaq.territories.kato_lists import load_territories
        from aimaq.territories.models import Territory
        from aimaq.territories.search import current_index, forget_index, search_territories

        load_territories(path)
        forget_index()
        started = time.perf_counter()
        current_index()
        cold = time.perf_counter() - started
        timings = []
        for _ in range(5):
            for query in QUERIES:
                started = time.perf_counter()
                search_territories(query)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        print(f"units indexed         {Territory.objects.count():>8}")
        print(f"index build (cold)    {cold * 1000:>8.0f} ms")
        print(f"searches (warm)       {len(timings):>8}")
        print(f"p50                   {statistics.median(timings):>8.1f} ms")
        print(f"p95                   {timings[int(len(timings) * 0.95) - 1]:>8.1f} ms")
        print(f"max                   {timings[-1]:>8.1f} ms")


if __name__ == "__main__":
    main()
