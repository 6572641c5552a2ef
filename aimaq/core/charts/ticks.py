"""Axis ticks that are round numbers, cover the data, and read exactly as they are drawn."""

from __future__ import annotations

import math
import sys
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

# Steps of 1, 2 or 5 times a power of ten. (2.5 would need one decimal more than its power.)
_MANTISSAS = (1, 2, 5, 10)


def plain_number(value: float, decimals: int) -> str:
    """A number with exactly `decimals` decimals and a point: the charts' default label."""
    return f"{value:.{max(decimals, 0)}f}"


def tick_step(low: float, high: float, *, count: int = 5, decimals: int | None = None) -> Decimal:
    """The round step that divides [low, high] into about `count - 1` parts, never finer than
    the `decimals` the labels show."""
    span = high - low
    if span <= 0:
        span = abs(low) / 5 or 1.0
    raw = span / max(count - 1, 1)
    if raw < sys.float_info.min:  # a span too small to divide (subnormal): a unit step
        raw = 1.0
    exponent = math.floor(math.log10(raw))
    step = next(
        Decimal(m).scaleb(exponent) for m in _MANTISSAS if m * 10.0**exponent >= raw * (1 - 1e-9)
    )
    if decimals is not None:
        step = max(step, Decimal(1).scaleb(-decimals))
    return step


def nice_ticks(
    low: float, high: float, count: int = 5, *, decimals: int | None = None
) -> list[float]:
    """Ticks from a multiple of the step at or below `low` to one at or above `high`, so the
    axis covers every value. Each tick is a multiple of 10^-decimals, so a label with
    `decimals` decimals states it exactly."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("ticks need finite bounds")
    low, high = min(low, high), max(low, high)
    step = tick_step(low, high, count=count, decimals=decimals)
    first = int((Decimal(low) / step).to_integral_value(ROUND_FLOOR))
    last = int((Decimal(high) / step).to_integral_value(ROUND_CEILING))
    if last == first:
        last += 1
    return [float(i * step) for i in range(first, last + 1)]
