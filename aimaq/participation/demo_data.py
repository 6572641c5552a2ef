"""What the participation demo is made of.

Public facts (the EU project "Greater stakeholder engagement at local level in East and
Central Kazakhstan", news of 2018, /shared/sources): inclusive planning ran from August 2017
to January 2018 in ten pilot rural territories (Glubokoe and Belousovka townships and
Kozhokhovo okrug of Glubokoe rayon; Pervomaiskiy and Volchanka okrugs of Shemonaikha rayon;
Kievka township and Akmeshit, Izendi, Mynbayev and Zharaspai okrugs of Nura rayon), with
thematic working groups in three focus areas and planning committees, 90 meetings in all,
more than 300 people; in Zharaspai residents raised the missing mobile network (Beeline
connected in January 2018, 560 people) and the clinic without staff (a doctor and a nurse
invited).

Everything else — the people, their names, ages and groups, the exact meeting days, the
Oskemen participatory-budget call, its projects and ballots — is demo data, marked so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

SOURCE = (
    "EU project “Greater stakeholder engagement at local level in East and Central "
    "Kazakhstan”, 2018"
)

# The ten pilot territories (KATO codes of the territories demo).
PILOTS = (
    "634030000",
    "634037000",
    "634051000",
    "636857000",
    "636837000",
    "355230000",
    "355249000",
    "355253000",
    "355261000",
    "355243000",
)
ZHARASPAI = "355243000"
PEOPLE_PER_TERRITORY = 31  # 310 distinct people: "more than 300"

# Women are the people whose number gives 0 or 2 modulo 5: 13 of 31 (42 %; "40 % women").
FEMALE_NAMES = (
    "Айгүл", "Гүлнар", "Жанар", "Сәуле", "Дина", "Ақмарал", "Әсел", "Мадина", "Лаура",
    "Назгүл", "Светлана", "Ольга", "Татьяна", "Бибігүл", "Роза",
)  # fmt: skip
MALE_NAMES = (
    "Ерлан", "Серік", "Бауыржан", "Нұрлан", "Асқар", "Дәурен", "Ержан", "Қайрат", "Марат",
    "Бекзат", "Сергей", "Андрей", "Виктор", "Талғат", "Жандос",
)  # fmt: skip
SURNAMES = (
    "Ахметов", "Сейітов", "Жұмабаев", "Оспанов", "Қасымов", "Тоқтаров", "Әбенов", "Нұрланов",
    "Исаев", "Бекқожин", "Омаров", "Сұлтанов", "Иванов", "Петров", "Кузнецов", "Мұқанов",
    "Ермеков", "Сәрсенов",
)  # fmt: skip


def is_woman(index: int) -> bool:
    return index % 5 in (0, 2)


def person_name(territory_no: int, index: int) -> str:
    woman = is_woman(index)
    first = (FEMALE_NAMES if woman else MALE_NAMES)[(index * 7 + territory_no) % 15]
    surname = SURNAMES[(index * 5 + territory_no * 3) % len(SURNAMES)]
    return f"{first} {surname}{'а' if woman else ''}"


def birth_year(index: int) -> int:
    """From 1952 to 2001: about a third under 35 in 2017, some pensioners."""
    return 1952 + (index * 13) % 50


def groups_of(index: int) -> tuple[str, ...]:
    """Vulnerable groups (recorded with consent) of the demo person `index`."""
    chosen = []
    if birth_year(index) < 1958:
        chosen.append("pensioner")
    if index % 7 == 3:
        chosen.append("large_family")
    if index % 11 == 5:
        chosen.append("disability")
    return tuple(chosen)


# Who sits where: the committee (index 0 chairs it) and the three working groups (the first
# of each chairs it).
COMMITTEE = range(0, 7)
WORKING_GROUPS = {"economy": range(7, 15), "social": range(15, 23), "engineering": range(23, 31)}


@dataclass(frozen=True)
class MeetingDay:
    kind: str
    day: date


FIRST_MEETINGS = (date(2017, 9, 12), date(2017, 9, 19), date(2017, 9, 26), date(2017, 10, 3))
SECOND_MEETINGS = (date(2017, 11, 14), date(2017, 11, 21), date(2017, 11, 28), date(2017, 12, 5))
AGREEMENT_DAY = date(2018, 1, 16)

FIRST_AGENDA = "Қажеттіліктерді бағалау, SWOT-талдау, даму көрінісі / Оценка потребностей, SWOT-анализ, видение / Needs assessment, SWOT analysis, vision"  # noqa: E501
SECOND_AGENDA = "Стратегиялық мақсаттар және іс-шаралар жоспары / Стратегические цели и план мероприятий / Strategic goals and action plan"  # noqa: E501
AGREEMENT_AGENDA = "Жоспарды тұрғындармен келісу / Согласование плана с жителями / Agreeing the plan with the community"  # noqa: E501

# Zharaspai's proposals (facts from the source), with the officials' public answers.
ZHARASPAI_PROPOSALS = (
    {
        "category": "connectivity",
        "title": "Ауылда ұялы байланыс жоқ / В селе нет мобильной связи",
        "text": (
            "Жараспайда ұялы байланыс жоқ: жедел жәрдем шақыру мүмкін емес. "
            "В Жараспае нет мобильной связи, нельзя вызвать скорую помощь."
        ),
        "answer": (
            "2018 жылдың қаңтарында Beeline желісі қосылды: 560 адам ұялы байланысқа қол жеткізді. "
            "В январе 2018 года подключена сеть Beeline: мобильная связь доступна 560 жителям. "
            "Source: " + SOURCE
        ),
        "action": "mobile",
        "lat": "49.9310",
        "lon": "71.9190",
    },
    {
        "category": "health",
        "title": "Амбулаторияда дәрігер жоқ / В амбулатории нет врача",
        "text": (
            "Жаңа амбулатория салынды, бірақ дәрігер мен медбике жоқ. "
            "Амбулаторию построили, но в ней нет ни врача, ни медсестры."
        ),
        "answer": (
            "Ауыл әкімі Шығыс Қазақстаннан дәрігер мен медбикені жұмысқа шақырды. "
            "Аким пригласил на работу врача и медсестру из Восточного Казахстана. "
            "Source: " + SOURCE
        ),
        "action": "clinic",
        "lat": "49.9285",
        "lon": "71.9240",
    },
)

# The Oskemen call (demo): a city of oblast significance of East Kazakhstan.
OSKEMEN: dict[str, Any] = {
    "kato": "631000000",  # as the demo boundaries name the city
    "kk": "Өскемен қаласы",
    "ru": "город Усть-Каменогорск",
    "en": "Oskemen (Ust-Kamenogorsk)",
    "population": 374_000,
    "lat": 49.95,
    "lon": 82.61,
}
OSKEMEN_CALL: dict[str, Any] = {
    "name": {
        "kk": "Өскемен: халық қатысатын бюджет 2026 (демо)",
        "ru": "Усть-Каменогорск: бюджет народного участия 2026 (демо)",
        "en": "Oskemen people's participation budget 2026 (demo)",
    },
    "envelope": 60_000_000,
    "proposals_from": date(2026, 1, 20),
    "proposals_to": date(2026, 3, 1),
    "review_to": date(2026, 3, 31),
    "voting_from": date(2026, 4, 1),
    "voting_to": date(2026, 4, 30),
    "results_on": date(2026, 5, 15),
    "implementation_year": 2027,
}
# (title, author's cost, expert cost or None when refused, refusal reasons, online votes,
# paper votes)
OSKEMEN_PROJECTS = (
    ("Балалар алаңы, Ушанов көшесі / Детская площадка на ул. Ушанова", 18_000_000, 19_500_000, "", 74, 21),  # noqa: E501
    ("Аулаға жарық / Освещение двора на пр. Независимости", 9_000_000, 9_000_000, "", 61, 12),
    ("Скейт-парк жағалауда / Скейт-парк на набережной", 32_000_000, 35_000_000, "", 58, 9),
    ("Кітапхана оқу залы / Читальный зал библиотеки", 14_000_000, 12_500_000, "", 40, 15),
    ("Аялдамадағы павильон / Павильон на остановке", 6_000_000, 6_800_000, "", 22, 8),
    ("Жаңа жол салу / Строительство новой дороги", 58_000_000, None,
     "Жол салу — қаланың бюджеттік бағдарламасының ісі; бюджет шегінен асады. "
     "Строительство дороги — отдельная бюджетная программа; превышает лимит.", 0, 0),
)  # fmt: skip
