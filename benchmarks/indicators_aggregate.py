"""Aggregation speed: one indicator over the whole national tree, all periods, by
`aimaq.indicators.aggregation.aggregate`, next to hand-written DuckDB SQL doing the same
(bottom-up by level, a unit's own value kept, sums only when every child reports) in the
same run, with the results compared value by value.

    .venv/bin/python benchmarks/indicators_aggregate.py [--repeat 5]

Values are reported for the ~2,300 rural okrugs only, so every rayon, oblast and the country
is computed: 15 annual periods × 2,531 units.
"""

from __future__ import annotations

import argparse
import statistics
import time

from indicators_dataset import build_registry, cleanup, setup_django, write_csv

DUCKDB_LEVEL_SQL = """
INSERT INTO v
SELECT t.parent AS id, c.period, c.dis,
       {expression} AS value, count(*) AS parts
FROM v c JOIN tree t ON t.id = c.id
WHERE t.depth = {depth}
GROUP BY t.parent, c.period, c.dis
HAVING {having}
   AND NOT EXISTS (SELECT 1 FROM v p WHERE p.id = t.parent AND p.period = c.period AND p.dis = c.dis)
"""


def duckdb_aggregate(con, rule: str, max_depth: int) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE v AS SELECT id, period, dis, value, 0 AS parts FROM obs"
    ).fetchall()
    for depth in range(max_depth, 0, -1):
        if rule == "sum":
            expression, having = "sum(c.value)", "count(*) = any_value(t.siblings)"
        else:
            expression = "sum(c.value * t.population) / sum(t.population)"
            having = "sum(t.population) > 0"
        con.execute(
            DUCKDB_LEVEL_SQL.format(expression=expression, having=having, depth=depth)
        ).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db_path = setup_django()
    import duckdb
    import numpy as np
    import pandas as pd
    from django.db import connection

    from aimaq.indicators.aggregation import aggregate, compute_up, read_grid, territory_tree
    from aimaq.indicators.importing.types import ImportSource
    from aimaq.indicators.models import ImportRun, Indicator, Observation
    from aimaq.indicators.services import run_import
    from aimaq.territories.models import Territory

    registry = build_registry(0.02)  # 6 annual + 1 quarterly indicators on the national tree
    csv_path = db_path.parent / "observations.csv"
    write_csv(csv_path, registry)
    run = ImportRun.objects.create(file_name=csv_path.name, file_format="csv")
    run = run_import(run, source=ImportSource(file_name=csv_path.name, path=csv_path))
    assert run.status == "done", run.errors[:3]
    Observation.objects.exclude(territory__level="rural_okrug").delete()
    with connection.cursor() as cursor:  # a settled database, as after the worker's next checkpoint
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")
    units = Territory.objects.count()

    print(f"national tree: {units:,} units; values on rural okrugs only\n")
    print(f"{'indicator (rule)':28} {'values':>7} {'aggregate()':>12} {'of which':>9} {'walk':>7}"
          f" {'duckdb SQL':>11} {'walk/SQL':>9} {'aggregate()/(read+SQL)':>23}")  # fmt: skip
    print(f"{'':28} {'':>7} {'':>12} {'read':>9}")
    for code in ("ind000", "ind001"):  # sum; average weighted by population
        indicator = Indicator.objects.get(code=code)
        ours, reads, walks = [], [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = aggregate(indicator)
            ours.append(time.perf_counter() - started)
        tree = territory_tree()
        for _ in range(args.repeat):
            started = time.perf_counter()
            grid = read_grid(indicator, tree)
            read_done = time.perf_counter()
            weights = tree.population[:, None] * np.ones((1, len(grid.columns)))
            compute_up(tree, grid, indicator.aggregation, weights)
            walks.append(time.perf_counter() - read_done)
            reads.append(read_done - started)
        # The same input for DuckDB (it cannot read SQLite here): the same rows, same query.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT territory_id, period, disaggregation, value FROM indicators_observation "
                "WHERE indicator_id = %s",
                [indicator.pk],
            )
            obs = pd.DataFrame(cursor.fetchall(), columns=["id", "period", "dis", "value"])
        con = duckdb.connect()
        children = {}
        for parent in tree.parent.tolist():
            children[parent] = children.get(parent, 0) + 1
        frame = pd.DataFrame(
            {
                "id": tree.ids,
                "parent": [int(tree.ids[p]) if p >= 0 else None for p in tree.parent.tolist()],
                "depth": tree.depth,
                "population": tree.population,
                "siblings": [children.get(p, 0) for p in tree.parent.tolist()],
            }
        )
        con.register("tree_frame", frame)
        con.register("obs_frame", obs)
        con.execute("CREATE TABLE tree AS SELECT * FROM tree_frame").fetchall()
        con.execute("CREATE TABLE obs AS SELECT * FROM obs_frame").fetchall()
        rule = "sum" if indicator.aggregation == "sum" else "weighted"
        theirs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            duckdb_aggregate(con, rule, int(tree.depth.max()))
            theirs.append(time.perf_counter() - started)
        check = dict(
            ((row[0], row[1]), row[2])
            for row in con.execute("SELECT id, period, value FROM v").fetchall()
        )
        mine = {(v.territory_id, v.period): v.value for v in result}
        assert mine.keys() == check.keys(), (len(mine), len(check))
        assert all(abs(mine[k] - check[k]) <= 1e-6 * max(1.0, abs(check[k])) for k in mine)
        a, r, w, d = (statistics.median(x) for x in (ours, reads, walks, theirs))
        print(f"{code + ' (' + indicator.aggregation + ')':28} {len(result):>7,} {a * 1000:>10.1f}ms"
              f" {r * 1000:>7.1f}ms {w * 1000:>5.1f}ms {d * 1000:>9.1f}ms {w / d:>8.2f}×"
              f" {a / (r + d):>22.2f}×")  # fmt: skip
    print("\naggregate(): end to end (tree and values read from SQLite, walk, result objects);")
    print("read: the values query alone; walk: the bottom-up computation on arrays (numpy);")
    print("duckdb SQL: the same computation, hand-written, on the same rows already in DuckDB;")
    print("the last column charges DuckDB with the same read. Medians of --repeat runs.")


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()
