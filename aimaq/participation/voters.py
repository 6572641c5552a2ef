"""Made-up but valid IINs, for tests, the demo and the benchmarks (never a real person's: the
serial digits are counted and the check digit computed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import islice

from aimaq.accounts.identifiers import check_digit


def iins(*, born: date = date(1990, 1, 1), female: bool = False) -> Iterator[str]:
    """Distinct valid IINs of people born on `born` and the days after it, endlessly."""
    century = {1800: 1, 1900: 3, 2000: 5}[born.year // 100 * 100] + (1 if female else 0)
    day = born
    while True:
        for serial in range(10_000):
            eleven = f"{day:%y%m%d}{century}{serial:04d}"
            digit = check_digit(eleven)
            if digit is not None:
                yield eleven + str(digit)
        day += timedelta(days=1)


def make_iins(count: int, *, born: date = date(1990, 1, 1), female: bool = False) -> list[str]:
    """`count` distinct valid IINs."""
    return list(islice(iins(born=born, female=female), count))
