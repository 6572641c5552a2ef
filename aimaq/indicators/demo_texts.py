"""What the demo indicators are: definition, method of calculation, source and publication
schedule, in Kazakh, Russian and English. The definitions follow the statistics office's
usage; the figures themselves are generated (the source says so)."""

from __future__ import annotations

SOURCE = (
    "Aimaq демо деректері (жасалған, ресми статистика емес)",
    "Демо-данные Aimaq (сгенерированы, не официальная статистика)",
    "Aimaq demo data (generated, not official)",
)
SCHEDULE = (
    "Жыл сайын (демо: демомен бірге жүктеледі)",
    "Ежегодно (демо: загружаются вместе с демо)",
    "Yearly (demo: loaded with the demo)",
)

# code: ((definition kk, ru, en), (method kk, ru, en))
TEXTS: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "population": (
        (
            "Аумақта тұрақты тұратын халық саны, жыл басындағы жағдай бойынша.",
            "Численность постоянного населения территории на начало года.",
            "The permanent population of the territory at the start of the year.",
        ),
        (
            "Соңғы санақ пен тіркелген туу, өлім және көші-қон негізінде бағаланады; "
            "жоғары деңгейде бөліктерінің қосындысы.",
            "Оценка по последней переписи с учётом зарегистрированных рождений, смертей и "
            "миграции; на верхних уровнях — сумма частей.",
            "Estimated from the last census with registered births, deaths and migration; "
            "at higher levels, the sum of the parts.",
        ),
    ),
    "poor_population": (
        (
            "Табысы ең төменгі күнкөріс деңгейінен төмен халық саны.",
            "Численность населения с доходами ниже величины прожиточного минимума.",
            "The number of people whose income is below the subsistence minimum.",
        ),
        (
            "Үй шаруашылықтарын зерттеу бойынша; жоғары деңгейде бөліктерінің қосындысы.",
            "По выборочному обследованию домашних хозяйств; на верхних уровнях — сумма частей.",
            "From the household budget survey; at higher levels, the sum of the parts.",
        ),
    ),
    "poverty_rate": (
        (
            "Табысы ең төменгі күнкөріс деңгейінен төмен халықтың үлесі.",
            "Доля населения с доходами ниже величины прожиточного минимума.",
            "The share of the population with income below the subsistence minimum.",
        ),
        (
            "Табысы күнкөріс деңгейінен төмен халық ÷ халық саны × 100.",
            "Население с доходами ниже прожиточного минимума ÷ численность населения × 100.",
            "People below the subsistence minimum ÷ population × 100.",
        ),
    ),
    "unemployment_rate": (
        (
            "Жұмыссыздардың жұмыс күшіндегі үлесі (15 жас және одан жоғары).",
            "Доля безработных в рабочей силе (15 лет и старше).",
            "The unemployed as a share of the labour force (aged 15 and over).",
        ),
        (
            "Жұмыс күшін зерттеу бойынша, ХЕҰ анықтамасы; жоғары деңгейде халық санымен "
            "өлшенген орташа.",
            "По обследованию рабочей силы, определение МОТ; на верхних уровнях — среднее, "
            "взвешенное по численности населения.",
            "From the labour force survey, ILO definition; at higher levels, the average "
            "weighted by population.",
        ),
    ),
    "grp_per_capita": (
        (
            "Жалпы өңірлік өнімнің халықтың орташа жылдық санына шаққандағы мәні.",
            "Валовой региональный продукт в расчёте на среднегодовую численность населения.",
            "Gross regional product per head of the average population of the year.",
        ),
        (
            "ЖӨӨ ÷ халықтың орташа жылдық саны, ағымдағы бағамен.",
            "ВРП ÷ среднегодовая численность населения, в текущих ценах.",
            "GRP ÷ average population of the year, at current prices.",
        ),
    ),
    "average_wage": (
        (
            "Бір қызметкердің есептелген орташа айлық номиналды жалақысы.",
            "Среднемесячная номинальная начисленная заработная плата одного работника.",
            "The average monthly nominal wage accrued per employee.",
        ),
        (
            "Жалақы қоры ÷ қызметкерлердің орташа саны ÷ 12; жоғары деңгейде халық санымен "
            "өлшенген орташа.",
            "Фонд оплаты труда ÷ среднесписочная численность работников ÷ 12; на верхних "
            "уровнях — среднее, взвешенное по населению.",
            "Wage fund ÷ average number of employees ÷ 12; at higher levels, the average "
            "weighted by population.",
        ),
    ),
    "drinking_water_access": (
        (
            "Орталықтандырылған ауыз су жүйесіне қолжетімді халықтың үлесі.",
            "Доля населения, имеющего доступ к централизованному водоснабжению.",
            "The share of the population with access to piped drinking water.",
        ),
        (
            "Қолжетімді халық ÷ халық саны × 100; жоғары деңгейде халық санымен өлшенген.",
            "Население с доступом ÷ численность населения × 100; на верхних уровнях — "
            "взвешенное по населению.",
            "People with access ÷ population × 100; at higher levels, weighted by population.",
        ),
    ),
    "mobile_coverage": (
        (
            "Ұялы байланыс желісі қамтитын халықтың үлесі.",
            "Доля населения, охваченного сетью мобильной связи.",
            "The share of the population covered by a mobile network.",
        ),
        (
            "Қамтылған халық ÷ халық саны × 100.",
            "Охваченное население ÷ численность населения × 100.",
            "People covered ÷ population × 100.",
        ),
    ),
    "gas_supply": (
        (
            "Табиғи газбен қамтылған халықтың үлесі.",
            "Доля населения, обеспеченного природным газом.",
            "The share of the population supplied with natural gas.",
        ),
        (
            "Газбен қамтылған халық ÷ халық саны × 100.",
            "Население с газом ÷ численность населения × 100.",
            "People supplied ÷ population × 100.",
        ),
    ),
    "active_smes": (
        (
            "Жыл соңындағы жұмыс істеп тұрған шағын және орта кәсіпкерлік субъектілерінің саны.",
            "Число действующих субъектов малого и среднего предпринимательства на конец года.",
            "The number of active small and medium enterprises at the end of the year.",
        ),
        (
            "Статистикалық бизнес-тіркелім бойынша; жоғары деңгейде бөліктерінің қосындысы.",
            "По статистическому бизнес-регистру; на верхних уровнях — сумма частей.",
            "From the statistical business register; at higher levels, the sum of the parts.",
        ),
    ),
    "infant_mortality": (
        (
            "Бір жасқа дейінгі балалар өлімі, 1000 тірі туғанға шаққанда.",
            "Смертность детей в возрасте до одного года на 1000 родившихся живыми.",
            "Deaths of children under one year per 1,000 live births.",
        ),
        (
            "Бір жасқа дейін қайтыс болғандар ÷ тірі туғандар × 1000.",
            "Умершие в возрасте до одного года ÷ родившиеся живыми × 1000.",
            "Deaths under one year ÷ live births × 1,000.",
        ),
    ),
}


def text_fields(code: str) -> dict[str, str]:
    """The indicator's text fields (definition, method, source, schedule in three
    languages) for the demo indicator `code`."""
    (definition, method) = TEXTS.get(code, (("", "", ""), ("", "", "")))
    fields = {}
    for name, texts in (
        ("definition", definition),
        ("method", method),
        ("source", SOURCE),
        ("schedule", SCHEDULE),
    ):
        for language, text in zip(("kk", "ru", "en"), texts, strict=True):
            fields[f"{name}_{language}"] = text
    return fields
