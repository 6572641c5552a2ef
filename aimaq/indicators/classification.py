"""Classing values for a choropleth with mapclassify, deterministically.

Natural breaks use Fisher–Jenks, which is exact but quadratic without numba; above
`EXACT_LIMIT` values the breaks are found on an evenly spaced sample of the sorted values
(every value still gets classed), so the same data always give the same classes.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aimaq.territories.models import Territory

from .models import Indicator
from .selectors.periods import PeriodChoice
from .visibility import one_reading

if TYPE_CHECKING:  # numpy and mapclassify load with the first map, not at start-up (~3 s)
    import numpy as np

SCHEMES = ("quantiles", "equal_interval", "natural_breaks")
EXACT_LIMIT = 64


@dataclass
class Classes:
    scheme: str
    bounds: list[tuple[float, float]]  # (lower, upper) per class, ascending
    classes: list[int]  # class of each value, in the order given

    @property
    def k(self) -> int:
        return len(self.bounds)


def _natural_breaks(y: np.ndarray, k: int) -> list[float]:
    import mapclassify
    import numpy as np

    if len(y) > EXACT_LIMIT:
        positions = np.linspace(0, len(y) - 1, EXACT_LIMIT).round().astype(int)
        sample = np.sort(y)[positions]
    else:
        sample = y
    with warnings.catch_warnings():  # "Numba not installed": known, the sample keeps it fast
        warnings.simplefilter("ignore")
        return list(mapclassify.FisherJenks(sample, k=k).bins)


def classify(values: list[float], *, scheme: str = "quantiles", k: int = 5) -> Classes:
    """Class each value into k ascending classes; fewer when there are fewer distinct values.

    Every value falls in exactly one class: class i holds lower_i < v ≤ upper_i (the first
    class includes its lower bound, the minimum).
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}")
    if not values:
        return Classes(scheme, [], [])
    import mapclassify
    import numpy as np

    y = np.asarray(values, dtype=float)
    distinct = np.unique(y)
    k = max(1, min(k, len(distinct)))
    if k == 1:
        return Classes(scheme, [(float(y.min()), float(y.max()))], [0] * len(values))
    if scheme == "quantiles":
        # Quantiles' own bins, without the goodness-of-fit summary it computes after. Tied
        # data gives fewer classes; its warning saying so would only reach the server log.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            bins = list(mapclassify.classifiers.quantile(y, k=k))
    elif scheme == "equal_interval":
        bins = list(mapclassify.EqualInterval(y, k=k).bins)
    else:
        bins = _natural_breaks(y, k)
    # Drop repeated or empty upper bounds (quantiles on tied data), keep the maximum last.
    uppers = sorted({float(b) for b in bins if b < y.max()} | {float(y.max())})
    uppers = [u for u in uppers if u >= y.min()]
    classes = np.searchsorted(np.asarray(uppers), y, side="left").tolist()
    used = sorted(set(classes))
    if len(used) < len(uppers):  # an empty class: drop its bound and renumber
        uppers = [uppers[i] for i in used]
        classes = np.searchsorted(np.asarray(uppers), y, side="left").tolist()
    lowers = [float(y.min())] + uppers[:-1]
    return Classes(scheme, list(zip(lowers, uppers, strict=True)), [int(c) for c in classes])


# --- a classed map of one indicator --------------------------------------------------------


@dataclass
class MapFeature:
    territory: Territory
    value: float | None
    klass: int | None  # None: no value
    colour: str


@dataclass
class LegendEntry:
    colour: str
    lower: float | None
    upper: float | None
    count: int


@dataclass
class Choropleth:
    indicator: Indicator
    parent: Territory
    level: str
    period: str
    periods: list[str]
    scheme: str
    k: int
    features: list[MapFeature] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    choice: PeriodChoice | None = None  # the period shown, the default, the others

    @property
    def with_value(self) -> list[MapFeature]:
        return [f for f in self.features if f.value is not None]


@one_reading
def choropleth(
    indicator: Indicator,
    parent: Territory,
    *,
    period: str = "",
    scheme: str = "quantiles",
    k: int = 5,
    level: str = "",
) -> Choropleth:
    """One indicator for the children of `parent` (or every unit of `level` below it), classed
    into at most k classes, colours ordered from worst to best by the indicator's direction;
    in `period`, or by default the latest period these units broadly report."""
    from aimaq.core.charts import NO_DATA, class_colours

    from .selectors import indicator_values, map_units, period_choice

    units = map_units(parent, level=level or None)
    ids = [u.pk for u in units]
    # The one default-period rule of every page, over these units' own periods.
    choice = period_choice([indicator.pk], ids, period, by_year=False)
    period = choice.shown
    values = indicator_values(indicator, units, period) if period else {}
    result = Choropleth(
        indicator, parent, level, period, choice.available, scheme, k, choice=choice
    )
    present = [u for u in units if u.pk in values]
    # Classed as they read (in the indicator's decimals): two values that read the same
    # share a class, so no two legend entries can overlap.
    shown = [round(values[u.pk], indicator.decimals) for u in present]
    classes = classify(shown, scheme=scheme, k=k)
    colours = class_colours(max(classes.k, 2), indicator.direction)[: max(classes.k, 1)]
    if classes.k == 1:
        colours = [class_colours(3, indicator.direction)[1]]
    klass = {u.pk: c for u, c in zip(present, classes.classes, strict=True)}
    for unit in units:
        c = klass.get(unit.pk)
        result.features.append(
            MapFeature(unit, values.get(unit.pk), c, NO_DATA if c is None else colours[c])
        )
    for index in range(classes.k):
        members = [v for v, c in zip(shown, classes.classes, strict=True) if c == index]
        # The values the class holds, not the breaks between classes: the entries read
        # "4,3 – 4,7", "4,8 – 5,0", never sharing a bound.
        result.legend.append(LegendEntry(colours[index], min(members), max(members), len(members)))
    missing = len(units) - len(present)
    if missing:
        result.legend.append(LegendEntry(NO_DATA, None, None, missing))
    return result
