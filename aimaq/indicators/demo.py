"""Demo statistics: plausible, clearly labelled (`Indicator.is_demo`) figures for the demo
territories, 2015–2024, from a seeded generator. They are not official statistics.

Loaded through the import service like any file, so a second run finds every value
unchanged and writes nothing. Population is reported for the first-level units, every
rayon and city of the demo boundaries, and the pilot rayons' okrugs and townships (split by
sex). The country's figures are reported
too, as statistics offices publish them, and agree with the first-level units': sums of
the sum indicators, population-weighted means of the others. The poverty rate is derived:
poor population / population × 100.
"""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from aimaq.core.permissions import TerritoryScope
from aimaq.territories.kato import COUNTRY_CODE
from aimaq.territories.models import Level, Territory
from aimaq.territories.validity import valid_in

from .demo_texts import text_fields
from .importing.types import ImportOptions, ImportSource
from .models import Aggregation, Category, Dimension, Direction, Indicator, Theme
from .services import create_import_run, preview_import, run_import

YEARS = range(2015, 2025)
SEED = 2026
# Units begun by a reform within the demo's years (territories/reforms/reforms.json): Abai,
# Zhetisu and Ulytau, split from East Kazakhstan, Almaty and Karaganda in 2022, and Shymkent,
# a city of republican significance since 2018, report from then on. (Turkestan's values of
# 2015–2017 land on South Kazakhstan oblast, the unit of that time, as the import reads them.)
REPORTS_FROM = {"100000000": 2022, "330000000": 2022, "620000000": 2022, "790000000": 2018}
PILOT_RAYONS = ("355200000", "634000000", "636800000")


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    kk: str
    ru: str
    en: str
    unit: tuple[str, str, str]  # kk, ru, en
    theme: str
    direction: str
    aggregation: str
    decimals: int = 1
    sdg: str = ""
    sex: bool = False


PERCENT = ("%", "%", "%")
TENGE = ("теңге", "тенге", "tenge")
PEOPLE = ("адам", "человек", "people")
# fmt: off
INDICATORS = [
    DemoIndicator("population", "Халық саны", "Численность населения", "Population", PEOPLE,
                  Theme.SOCIAL, Direction.NEUTRAL, Aggregation.SUM, 0, "", True),
    DemoIndicator("poor_population", "Табысы ең төменгі күнкөріс деңгейінен төмен халық",
                  "Население с доходами ниже прожиточного минимума",
                  "People with income below the subsistence minimum", PEOPLE,
                  Theme.POVERTY, Direction.LOWER_IS_BETTER, Aggregation.SUM, 0, "1.2.1"),
    DemoIndicator("poverty_rate", "Кедейлік деңгейі", "Уровень бедности", "Poverty rate", PERCENT,
                  Theme.POVERTY, Direction.LOWER_IS_BETTER, Aggregation.NONE, 1, "1.2.1"),
    DemoIndicator("unemployment_rate", "Жұмыссыздық деңгейі", "Уровень безработицы",
                  "Unemployment rate", PERCENT, Theme.ECONOMY, Direction.LOWER_IS_BETTER,
                  Aggregation.POPULATION_WEIGHTED, 1, "8.5.2"),
    DemoIndicator("grp_per_capita", "Жан басына шаққандағы ЖӨӨ", "ВРП на душу населения",
                  "Gross regional product per capita", TENGE, Theme.ECONOMY,
                  Direction.HIGHER_IS_BETTER, Aggregation.POPULATION_WEIGHTED, 0, "8.1.1"),
    DemoIndicator("average_wage", "Орташа айлық жалақы", "Среднемесячная заработная плата",
                  "Average monthly wage", TENGE, Theme.ECONOMY, Direction.HIGHER_IS_BETTER,
                  Aggregation.POPULATION_WEIGHTED, 0),
    DemoIndicator("drinking_water_access", "Ауыз суға қолжетімділік",
                  "Доступ к питьевой воде", "Access to drinking water", PERCENT,
                  Theme.INFRASTRUCTURE, Direction.HIGHER_IS_BETTER,
                  Aggregation.POPULATION_WEIGHTED, 1, "6.1.1"),
    DemoIndicator("mobile_coverage", "Ұялы байланыспен қамту", "Покрытие мобильной связью",
                  "Mobile network coverage", PERCENT, Theme.INFRASTRUCTURE,
                  Direction.HIGHER_IS_BETTER, Aggregation.POPULATION_WEIGHTED, 1, "9.c.1"),
    DemoIndicator("gas_supply", "Халықты газбен қамту", "Газификация населения",
                  "Population with gas supply", PERCENT, Theme.INFRASTRUCTURE,
                  Direction.HIGHER_IS_BETTER, Aggregation.POPULATION_WEIGHTED, 1, "7.1.2"),
    DemoIndicator("active_smes", "Жұмыс істеп тұрған ШОБ субъектілері",
                  "Действующие субъекты МСП", "Active small and medium enterprises",
                  ("бірлік", "единиц", "units"), Theme.ECONOMY, Direction.HIGHER_IS_BETTER,
                  Aggregation.SUM, 0),
    DemoIndicator("infant_mortality", "Нәресте өлімі", "Младенческая смертность",
                  "Infant mortality", ("1000 тірі туғанға", "на 1000 родившихся живыми",
                                       "per 1,000 live births"), Theme.SOCIAL,
                  Direction.LOWER_IS_BETTER, Aggregation.NONE, 1, "3.2.1"),
]
# fmt: on


def load_demo_indicators() -> str:
    """Creates the demo indicators and their values; a second run changes nothing."""
    with transaction.atomic():
        created = _indicators()
    units = list(_units())
    if not units:
        return f"{created} indicators created; no demo territories, no values"
    source = ImportSource(
        file_name="demo-indicators.csv",
        data=_values_csv(units).encode(),
        options=ImportOptions(
            source="Aimaq demo data (generated, not official)", scope=TerritoryScope.all()
        ),
    )
    preview = preview_import(source)
    if preview.is_refused:
        raise ValueError("; ".join(error.message() for error in preview.errors[:5]))
    if preview.new or preview.changed:
        run = run_import(create_import_run(source, preview=preview), source=source)
        if run.status != "done":
            raise ValueError(f"Demo values not written: {run.status} {run.errors[:3]}")
    return (
        f"{created} indicators created; values: {preview.new} new, {preview.changed} changed, "
        f"{preview.unchanged} unchanged"
    )


def _indicators() -> int:
    sex, _ = Dimension.objects.get_or_create(
        code="sex", defaults={"name_kk": "Жынысы", "name_ru": "Пол", "name_en": "Sex"}
    )
    for code, kk, ru, en in (
        ("female", "Әйелдер", "Женщины", "Female"),
        ("male", "Ерлер", "Мужчины", "Male"),
    ):
        Category.objects.get_or_create(
            dimension=sex, code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en}
        )
    area, _ = Dimension.objects.get_or_create(
        code="area",
        defaults={"name_kk": "Елді мекен түрі", "name_ru": "Тип местности", "name_en": "Area"},
    )
    for code, kk, ru, en in (
        ("urban", "Қала", "Город", "Urban"),
        ("rural", "Ауыл", "Село", "Rural"),
    ):
        Category.objects.get_or_create(
            dimension=area, code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en}
        )
    created = 0
    for spec in INDICATORS:
        fields = {
            "name_kk": spec.kk,
            "name_ru": spec.ru,
            "name_en": spec.en,
            "unit_kk": spec.unit[0],
            "unit_ru": spec.unit[1],
            "unit_en": spec.unit[2],
            "decimals": spec.decimals,
            "direction": spec.direction,
            "theme": spec.theme,
            "aggregation": spec.aggregation,
            "sdg_target": spec.sdg,
            "is_demo": True,
        }
        texts = text_fields(spec.code)
        indicator, was_created = Indicator.objects.get_or_create(
            code=spec.code, defaults=fields | texts
        )
        created += was_created
        empty = {name: text for name, text in texts.items() if not getattr(indicator, name)}
        if empty:  # an earlier demo without the texts: fill them, keep what was edited
            for name, text in empty.items():
                setattr(indicator, name, text)
            indicator.save(update_fields=list(empty))
        if spec.sex and not indicator.dimensions.filter(pk=sex.pk).exists():
            indicator.dimensions.add(sex)
    rate = Indicator.objects.get(code="poverty_rate")
    if rate.numerator_id is None:
        rate.numerator = Indicator.objects.get(code="poor_population")
        rate.denominator = Indicator.objects.get(code="population")
        rate.factor = 100
        rate.save()
    return created


def _units():
    """The country, the first-level units, the pilot rayons and the units under them, then
    the other second-level units (the demo boundaries' rayons and cities), as (kato, level,
    population in 2024, valid from, valid to)."""
    current = Territory.objects.current().order_by("kato")
    country = current.filter(kato=COUNTRY_CODE)
    first = current.filter(level__in=[Level.OBLAST, Level.CITY_REPUBLICAN])
    pilots = current.filter(kato__in=PILOT_RAYONS)
    below = current.filter(parent__kato__in=PILOT_RAYONS)
    # Last, so the values drawn for the units above stay those of earlier demos.
    second = current.filter(level__in=[Level.RAYON, Level.CITY_OBLAST, Level.CITY_DISTRICT])
    seen = set()
    for unit in [*country, *first, *pilots, *below, *second]:
        if unit.kato not in seen:
            seen.add(unit.kato)
            yield unit.kato, unit.level, unit.population or 5_000, unit.valid_from, unit.valid_to


Row = tuple[str, str, float]  # indicator code, sex ("" for the total), value


def _values_csv(units) -> str:
    rng = random.Random(SEED)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "kato", "period", "sex", "value"])
    first_level: dict[str, list[list[Row]]] = {str(year): [] for year in YEARS}
    country = None
    for kato, level, population_2024, valid_from, valid_to in units:
        if kato == COUNTRY_CODE:
            country = kato
            continue
        rural = level in (Level.RURAL_OKRUG, Level.TOWNSHIP, Level.RAYON)
        city = level == Level.CITY_REPUBLICAN
        growth = rng.uniform(0.003, 0.02) + (0.01 if city else 0)
        female_share = rng.uniform(0.505, 0.525)
        poverty = rng.uniform(6, 14) if rural else rng.uniform(2.5, 8)
        unemployment = rng.uniform(4.3, 5.6)
        grp = rng.uniform(2.2e6, 4.5e6) * (3.5 if kato in ("230000000", "470000000") else 1)
        grp *= 2.2 if city else 1
        wage = rng.uniform(140_000, 210_000) * (1.4 if city else 1)
        water = rng.uniform(70, 90) if rural else rng.uniform(88, 97)
        mobile = rng.uniform(75, 92) if rural else rng.uniform(93, 99)
        gas = rng.uniform(5, 40) if not city else rng.uniform(60, 90)
        smes = population_2024 * rng.uniform(0.02, 0.06)
        infant = rng.uniform(6, 11)
        for year in YEARS:
            reported = year >= REPORTS_FROM.get(kato, YEARS.start) and valid_in(
                valid_from, valid_to, str(year)
            )
            # The noise is drawn only for reported years, so the values stay those of the
            # earlier demo and a second run changes nothing.
            noise = rng.gauss(0, 0.1) if reported else 0.0
            age = 2024 - year
            people = round(population_2024 / (1 + growth) ** age)
            female = round(people * female_share)
            rows: list[Row] = [
                ("population", "", people),
                ("population", "female", female),
                ("population", "male", people - female),
                ("poor_population", "", round(people * poverty * (1 + 0.04 * age) / 100)),
                ("unemployment_rate", "", round(unemployment + 0.06 * age + noise, 1)),
                ("average_wage", "", round(wage / 1.09**age)),
                ("drinking_water_access", "", round(min(100.0, water + (10 - age) * 0.9), 1)),
                ("mobile_coverage", "", round(min(100.0, mobile + (10 - age) * 0.7), 1)),
                ("gas_supply", "", round(min(100.0, gas * (1.06 ** (10 - age)) / 1.7), 1)),
                ("active_smes", "", round(smes * (1.05 ** (10 - age)) / 1.6)),
            ]
            if level in (Level.OBLAST, Level.CITY_REPUBLICAN):
                rows.append(("grp_per_capita", "", round(grp / 1.1**age)))
                rows.append(("infant_mortality", "", round(infant * (1 + 0.03 * age), 1)))
                first_level[str(year)].append(rows)
            if reported:
                for code, sex, value in rows:
                    writer.writerow([code, kato, year, sex, value])
    if country is not None:
        for period, parts in first_level.items():
            for code, sex, value in _national(parts):
                writer.writerow([code, country, period, sex, value])
    return out.getvalue()


def _national(parts: list[list[Row]]) -> list[Row]:
    """The country's figures from its first-level units' for one year, as a statistics
    office publishes them: sums of the sum indicators, population-weighted means of the
    others (infant mortality too: the demo has no births to weigh by), rounded to each
    indicator's decimals. Before 2022 the units created that year are counted with the
    values they would have had (their areas were then parts of other oblasts), so the
    national series has no break; from 2022 the figures are exactly the oblasts'
    aggregates."""
    specs = {spec.code: spec for spec in INDICATORS}
    sums: dict[tuple[str, str], float] = defaultdict(float)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for rows in parts:
        people = next(value for code, sex, value in rows if code == "population" and not sex)
        for code, sex, value in rows:
            if specs[code].aggregation == Aggregation.SUM:
                sums[(code, sex)] += value
            else:
                sums[(code, sex)] += value * people
                weights[(code, sex)] += people
    national = []
    for (code, sex), total in sums.items():
        value = total / weights[(code, sex)] if (code, sex) in weights else total
        decimals = specs[code].decimals
        national.append((code, sex, round(value, decimals) if decimals else round(value)))
    return national
