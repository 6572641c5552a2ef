"""Demo territories typed in from public facts: the country, its 20 first-level units and the
pilot rayons and okrugs of the regional development projects (see the project documents).

Populations of oblasts and cities are the statistics office's figures for the start of 2024,
rounded to thousands; those of rayons and okrugs are plausible round figures for the demo,
not official ones. Centres are the administrative centres' coordinates, rounded to 0.01°.
Boundaries are not part of the demo: load them with `manage.py import_boundaries`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .kato import COUNTRY_CODE
from .models import Level, Territory, TerritoryGroup
from .reforms import apply_reforms


@dataclass(frozen=True)
class DemoUnit:
    kato: str
    level: str
    kk: str
    ru: str
    en: str
    population: int
    lat: float
    lon: float
    parent: str = ""  # the parent's KATO code; the country when empty


OBL, CITY = Level.OBLAST, Level.CITY_REPUBLICAN
# fmt: off
COUNTRY = DemoUnit(COUNTRY_CODE, Level.COUNTRY, "Қазақстан", "Казахстан", "Kazakhstan", 20_033_000, 51.17, 71.43)
FIRST_LEVEL = [
    DemoUnit("100000000", OBL, "Абай облысы", "область Абай", "Abai Region", 603_000, 50.41, 80.23),
    DemoUnit("110000000", OBL, "Ақмола облысы", "Акмолинская область", "Akmola Region", 787_000, 53.28, 69.39),
    DemoUnit("150000000", OBL, "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", 927_000, 50.28, 57.17),
    DemoUnit("190000000", OBL, "Алматы облысы", "Алматинская область", "Almaty Region", 1_523_000, 43.87, 77.07),
    DemoUnit("230000000", OBL, "Атырау облысы", "Атырауская область", "Atyrau Region", 700_000, 47.11, 51.92),
    DemoUnit("270000000", OBL, "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region", 692_000, 51.23, 51.37),
    DemoUnit("310000000", OBL, "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", 1_221_000, 42.90, 71.37),
    DemoUnit("330000000", OBL, "Жетісу облысы", "область Жетісу", "Zhetisu Region", 698_000, 45.02, 78.37),
    DemoUnit("350000000", OBL, "Қарағанды облысы", "Карагандинская область", "Karaganda Region", 1_132_000, 49.80, 73.10),
    DemoUnit("390000000", OBL, "Қостанай облысы", "Костанайская область", "Kostanay Region", 832_000, 53.21, 63.62),
    DemoUnit("430000000", OBL, "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", 836_000, 44.85, 65.50),
    DemoUnit("470000000", OBL, "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", 786_000, 43.65, 51.17),
    DemoUnit("550000000", OBL, "Павлодар облысы", "Павлодарская область", "Pavlodar Region", 750_000, 52.29, 76.97),
    DemoUnit("590000000", OBL, "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region", 536_000, 54.87, 69.15),
    DemoUnit("610000000", OBL, "Түркістан облысы", "Туркестанская область", "Turkestan Region", 2_134_000, 43.30, 68.27),
    DemoUnit("620000000", OBL, "Ұлытау облысы", "область Ұлытау", "Ulytau Region", 221_000, 47.80, 67.71),
    DemoUnit("630000000", OBL, "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region", 711_000, 49.95, 82.62),
    DemoUnit("710000000", CITY, "Астана қаласы", "город Астана", "Astana", 1_423_000, 51.17, 71.43),
    DemoUnit("750000000", CITY, "Алматы қаласы", "город Алматы", "Almaty", 2_229_000, 43.24, 76.89),
    DemoUnit("790000000", CITY, "Шымкент қаласы", "город Шымкент", "Shymkent", 1_222_000, 42.32, 69.60),
]
R, T, K = Level.RAYON, Level.TOWNSHIP, Level.RURAL_OKRUG
# KATO 2022 lists 634030000 and 634037000 as rural okrugs ("Глубоковский с.о.",
# "Белоусовский с.о."); the project documents of 2017–2020 call them townships, as here.
PILOTS = [
    DemoUnit("634000000", R, "Глубокое ауданы", "Глубоковский район", "Glubokoe District", 55_000, 50.13, 82.31, "630000000"),
    DemoUnit("634030000", T, "Глубокое кенті", "посёлок Глубокое", "Glubokoe township", 11_000, 50.14, 82.31, "634000000"),
    DemoUnit("634037000", T, "Белоусовка кенті", "посёлок Белоусовка", "Belousovka township", 9_000, 50.13, 82.52, "634000000"),
    DemoUnit("634051000", K, "Кожохово ауылдық округі", "Кожоховский сельский округ", "Kozhokhovo rural okrug", 2_500, 50.28, 82.21, "634000000"),
    DemoUnit("636800000", R, "Шемонаиха ауданы", "Шемонаихинский район", "Shemonaikha District", 41_000, 50.63, 81.91, "630000000"),
    DemoUnit("636857000", K, "Первомай ауылдық округі", "Первомайский сельский округ", "Pervomaiskiy rural okrug", 6_000, 50.59, 81.80, "636800000"),
    DemoUnit("636837000", K, "Волчанка ауылдық округі", "Волчанский сельский округ", "Volchanka rural okrug", 3_000, 50.78, 81.93, "636800000"),
    DemoUnit("355200000", R, "Нұра ауданы", "Нуринский район", "Nura District", 24_000, 50.24, 72.77, "350000000"),
    DemoUnit("355230000", T, "Нұра кенті (бұрынғы Киевка)", "посёлок Нура (бывш. Киевка)", "Nura (Kievka) township", 7_500, 50.24, 72.77, "355200000"),
    DemoUnit("355249000", K, "Ақмешіт ауылдық округі", "Акмешитский сельский округ", "Akmeshit rural okrug", 1_500, 50.46, 72.03, "355200000"),
    DemoUnit("355243000", K, "Жараспай ауылдық округі", "Жараспайский сельский округ", "Zharaspai rural okrug", 1_200, 49.93, 71.92, "355200000"),
    DemoUnit("355253000", K, "Изенді ауылдық округі (Кенжарық)", "Кенжарыкский сельский округ (с. Изенды)", "Izendi rural okrug (Kenzharyk)", 900, 49.71, 72.42, "355200000"),
    DemoUnit("355261000", K, "Кәрім Мыңбаев ауылдық округі (Қорғанжар)", "Корганжарский сельский округ (с. Карим Мынбаев)", "Mynbayev rural okrug (Korganzhar)", 2_000, 50.41, 71.48, "355200000"),
]
# fmt: on
POPULATION_YEAR = 2024
OUTCOMES = {"created": gettext_noop("created"), "kept": gettext_noop("already there, kept")}
PILOT_GROUP = {
    "slug": "pilot-oblasts-2013",
    "name_kk": "Өңірлік даму жобасының пилоттық облыстары",
    "name_ru": "Пилотные области проекта регионального развития",
    "name_en": "Pilot oblasts of the regional development project",
    "description_en": (
        "Mangystau, Kyzylorda and East Kazakhstan oblasts, chosen by the European Union and "
        "the Government of Kazakhstan for the regional development project (2013–2017)."
    ),
    "description_ru": (
        "Мангистауская, Кызылординская и Восточно-Казахстанская области, выбранные "
        "Европейским союзом и Правительством Казахстана для проекта регионального развития "
        "(2013–2017)."
    ),
    "description_kk": (
        "Маңғыстау, Қызылорда және Шығыс Қазақстан облыстары — Еуропалық одақ пен Қазақстан "
        "Үкіметі өңірлік даму жобасына (2013–2017) таңдаған облыстар."
    ),
}
PILOT_GROUP_MEMBERS = ("470000000", "430000000", "630000000")


def load_demo_territories() -> str:
    """Creates the demo territories and the pilot group that are missing. Units and the group
    that exist are left as they are: they may hold the real list loaded since
    (load_territories) or officials' edits, which typed-in demo facts must not overwrite.
    Returns a summary such as "34 created, 0 already there"."""
    created = kept = 0
    with transaction.atomic():
        for unit in [COUNTRY, *FIRST_LEVEL, *PILOTS]:
            if _create_if_missing(unit):
                created += 1
            else:
                kept += 1
        group_outcome = _create_pilot_group_if_missing()
        apply_reforms()  # units in their own time: Abai since 2022, South Kazakhstan until 2018
    return _("%(created)s created, %(kept)s already there; group %(slug)s %(outcome)s") % {
        "created": created,
        "kept": kept,
        "slug": PILOT_GROUP["slug"],
        "outcome": _(OUTCOMES[group_outcome]),
    }


def _create_if_missing(unit: DemoUnit) -> bool:
    """Creates the unit unless a current unit has its code; True when it was created."""
    if Territory.objects.current().filter(kato=unit.kato).exists():
        return False
    parent = None
    if unit.level != Level.COUNTRY:
        parent = Territory.objects.current().get(kato=unit.parent or COUNTRY_CODE)
    territory = Territory(
        kato=unit.kato,
        level=unit.level,
        parent=parent,
        name_kk=unit.kk,
        name_ru=unit.ru,
        name_en=unit.en,
        population=unit.population,
        population_year=POPULATION_YEAR,
        centre_lat=unit.lat,
        centre_lon=unit.lon,
    )
    territory.full_clean()
    territory.save()
    return True


def _create_pilot_group_if_missing() -> str:
    if TerritoryGroup.objects.filter(slug=PILOT_GROUP["slug"]).exists():
        return "kept"
    group = TerritoryGroup.objects.create(**PILOT_GROUP)
    group.territories.set(Territory.objects.current().filter(kato__in=PILOT_GROUP_MEMBERS))
    return "created"
