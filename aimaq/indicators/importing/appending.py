"""New observations into SQLite at national scale: 12 million rows in about 8 s (of the 16 s
a national import takes, checks included; benchmarks/indicators_import.py --phases).

The rows come out of DuckDB in key order, chunk by chunk, so they land at the end of the
table's key B-tree (see storage.py) or, for a file that adds to what is stored, next to pages
just written. (Within a chunk, series go in by shape, and a file with several combinations of
disaggregation, status and source goes through the key range once per combination: still
near-sequential.) What costs is Python handing SQLite the values, so few are handed.
The columns that repeat (disaggregation, status, source, import run) are written into the
statement, and so are the periods of a series — one indicator in one territory — when it has
the same periods as its neighbours, the usual shape of a statistics file: fifteen years of
a series bind its indicator, its territory and its fifteen values, 17 values for 15 rows
instead of 60 (measured on 11.3M rows: 0.60 µs a row against 0.82). Rows of a series of
another shape go in with four values each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from sqlite3 import Connection

import duckdb
import numpy as np

from .types import STORED_COLUMNS

CHUNK_VECTORS = 50  # DuckDB vectors of 2,048 rows: ~100,000 rows a chunk
ROWS_PER_STATEMENT = 200  # at most ~1,000 bound values, far below SQLite's 32,766
SERIES_FOR_A_TEMPLATE = 8  # fewer series of one shape in a chunk go row by row


def append_new(con: duckdb.DuckDBPyConnection, raw: Connection, table: str, run_id: int) -> None:
    """Every row of DuckDB's `staged` of kind 'new' inserted into `table` on the SQLite
    connection `raw`, inside the transaction the caller holds."""
    periods = [
        p for (p,) in con.execute("SELECT DISTINCT period FROM staged ORDER BY 1").fetchall()
    ]
    con.execute("CREATE OR REPLACE TEMP TABLE period_codes (period VARCHAR, code INTEGER)")
    con.executemany(
        "INSERT INTO period_codes VALUES (?, ?)", [[p, i] for i, p in enumerate(periods)]
    )
    combinations = con.execute(
        "SELECT DISTINCT dis, status, src FROM staged WHERE kind = 'new' ORDER BY ALL"
    ).fetchall()
    for dis, status, src in combinations:
        statements = _Statements(table, periods, dis, status, src, run_id)
        result = con.execute(
            "SELECT s.indicator_id, s.territory_id, c.code, s.value FROM staged s "
            "JOIN period_codes c USING (period) "
            "WHERE s.kind = 'new' AND s.dis = ? AND s.status = ? AND s.src = ? "
            "ORDER BY s.indicator_id, s.territory_id, s.period",
            [dis, status, src],
        )
        for indicators, territories, codes, values in _whole_series(result):
            _insert_chunk(raw, statements, indicators, territories, codes, values)


class _Statements:
    """The INSERT statements for one combination of the repeated columns, made once each."""

    def __init__(
        self, table: str, periods: list[str], dis: str, status: str, src: str, run_id: int
    ) -> None:
        self.head = f"INSERT INTO {table} ({', '.join(STORED_COLUMNS)}) VALUES "
        self.periods = periods
        self.constants = (_quote(dis), _quote(status), _quote(src), str(int(run_id)))
        self.made: dict[tuple, str] = {}

    def row(self, indicator: str, territory: str, period: str, value: str) -> str:
        dis, status, src, run = self.constants
        return f"({indicator}, {territory}, {period}, {dis}, {value}, {status}, {src}, {run})"

    def rows(self, count: int) -> str:
        """`count` rows binding indicator, territory, period and value each."""
        key = ("rows", count)
        if key not in self.made:
            self.made[key] = self.head + ", ".join([self.row("?", "?", "?", "?")] * count)
        return self.made[key]

    def series(self, pattern: tuple[int, ...], count: int) -> str:
        """`count` series with the periods `pattern` (codes), each binding its indicator,
        its territory and one value a period (numbered parameters, ?1 … ?n)."""
        key = (pattern, count)
        if key not in self.made:
            width = len(pattern) + 2
            self.made[key] = self.head + ", ".join(
                self.row(
                    f"?{first + 1}",
                    f"?{first + 2}",
                    _quote(self.periods[code]),
                    f"?{first + 3 + j}",
                )
                for first in range(0, count * width, width)
                for j, code in enumerate(pattern)
            )
        return self.made[key]


def _whole_series(result: duckdb.DuckDBPyConnection) -> Iterator[tuple[np.ndarray, ...]]:
    """The result's (indicator, territory, period code, value) columns in chunks that never
    split a series: the last series of a chunk waits for the rest of it in the next one."""
    held: list[np.ndarray] | None = None
    while True:
        frame = result.fetch_df_chunk(CHUNK_VECTORS)
        if frame.empty:
            if held is not None:
                yield tuple(held)
            return
        columns = [
            frame[name].to_numpy() for name in ("indicator_id", "territory_id", "code", "value")
        ]
        if held is not None:
            columns = [np.concatenate(pair) for pair in zip(held, columns, strict=True)]
        indicators, territories = columns[0], columns[1]
        last = len(indicators) - 1
        while last > 0 and (
            indicators[last - 1] == indicators[-1] and territories[last - 1] == territories[-1]
        ):
            last -= 1
        if last == 0:  # one series so far
            held = columns
            continue
        yield tuple(column[:last] for column in columns)
        held = [column[last:] for column in columns]


def _insert_chunk(
    raw: Connection,
    statements: _Statements,
    indicators: np.ndarray,
    territories: np.ndarray,
    codes: np.ndarray,
    values: np.ndarray,
) -> None:
    """Series sharing a shape with enough others go in by template; the rest row by row."""
    starts = np.flatnonzero(
        np.r_[True, (indicators[1:] != indicators[:-1]) | (territories[1:] != territories[:-1])]
    )
    sizes = np.diff(np.r_[starts, len(indicators)])
    by_template = np.zeros(len(indicators), dtype=bool)
    for size in np.unique(sizes):
        rows = starts[sizes == size][:, None] + np.arange(size)  # one series a line
        for pattern, mine in _shared_shapes(codes[rows]):
            series = rows[mine]
            firsts = series[:, 0]
            _insert_series(
                raw, statements, pattern, indicators[firsts], territories[firsts], values[series]
            )
            by_template[series.ravel()] = True
    rest = ~by_template
    if rest.any():
        _insert_rows(
            raw, statements, indicators[rest], territories[rest], codes[rest], values[rest]
        )


def _shared_shapes(grid: np.ndarray, most: int = 4) -> Iterator[tuple[tuple[int, ...], np.ndarray]]:
    """(periods, which lines have them) for the shapes at least SERIES_FOR_A_TEMPLATE lines
    of `grid` (series × their period codes) share, trying the shape of the first line not yet
    placed, `most` times: a file's series nearly always share one or two shapes, and
    comparing with one line is far cheaper than sorting the lines to count every shape."""
    left = np.ones(len(grid), dtype=bool)
    for _ in range(most):
        if left.sum() < SERIES_FOR_A_TEMPLATE:
            return
        first = grid[np.argmax(left)]
        mine = left & (grid == first).all(axis=1)
        left &= ~mine
        if mine.sum() >= SERIES_FOR_A_TEMPLATE:
            yield tuple(int(code) for code in first), mine


def _insert_series(
    raw: Connection,
    statements: _Statements,
    pattern: tuple[int, ...],
    indicators: np.ndarray,
    territories: np.ndarray,
    values: np.ndarray,
) -> None:
    """`values`: one series a line, its periods `pattern`."""
    count, size = values.shape
    width = size + 2
    flat: list = [None] * (count * width)
    flat[0::width] = indicators.tolist()
    flat[1::width] = territories.tolist()
    for j in range(size):
        flat[2 + j :: width] = values[:, j].tolist()
    _execute(
        raw,
        flat,
        width,
        max(1, ROWS_PER_STATEMENT // size),
        lambda n: statements.series(pattern, n),
    )


def _insert_rows(
    raw: Connection,
    statements: _Statements,
    indicators: np.ndarray,
    territories: np.ndarray,
    codes: np.ndarray,
    values: np.ndarray,
) -> None:
    flat: list = [None] * (4 * len(indicators))
    flat[0::4] = indicators.tolist()
    flat[1::4] = territories.tolist()
    flat[2::4] = np.array(statements.periods, dtype=object)[codes].tolist()
    flat[3::4] = values.tolist()
    _execute(raw, flat, 4, ROWS_PER_STATEMENT, statements.rows)


def _execute(
    raw: Connection, flat: list, width: int, per_statement: int, statement: Callable[[int], str]
) -> None:
    """`flat` holds items of `width` values end to end: `per_statement` items a statement,
    then one statement for the rest."""
    step = per_statement * width
    full = len(flat) // step * step
    if full:
        raw.executemany(
            statement(per_statement), (flat[i : i + step] for i in range(0, full, step))
        )
    if full < len(flat):
        raw.execute(statement((len(flat) - full) // width), flat[full:])


def _quote(text: str) -> str:
    """An SQLite string literal (quotes doubled; SQLite has no backslash escapes)."""
    return "'" + str(text).replace("'", "''") + "'"
