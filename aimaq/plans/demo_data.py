"""The demo plans as data. Facts from the sources (the EU projects' published results,
/shared/sources) are flagged `fact=True` and traced to `FACT`; the rest is demo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .models import (
    ActionStatus,
    CumulativeRule,
    Direction,
    FocusArea,
    Frequency,
    PlanKind,
    ProblemRole,
    Section,
    SwotQuadrant,
    UnitKind,
)
from .services import Source

E, S, G = FocusArea.ECONOMY, FocusArea.SOCIAL, FocusArea.ENGINEERING
W, OPP, ST, T = (
    SwotQuadrant.WEAKNESS,
    SwotQuadrant.OPPORTUNITY,
    SwotQuadrant.STRENGTH,
    SwotQuadrant.THREAT,
)
CORE, CAUSE, EFFECT = ProblemRole.CORE, ProblemRole.CAUSE, ProblemRole.EFFECT

FACT = Source(
    "sources:eu-gse-inclusive-plans",
    "Дерек · Источник · Source: EU project “Greater stakeholder engagement”, 2018",
)


def t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


DEMO_NOTE = t(
    "Демонстрациялық жоспар: сомалар, күндер, шешім нөмірлері және көрсеткіштердің көп мәні "
    "ойдан алынған. «Дерек» деп белгіленгендер ғана — ЕО жобасының жарияланған нәтижелері.",
    "Демонстрационный план: суммы, даты, номера решений и большинство значений показателей "
    "придуманы для демонстрации. Только отмеченное «Источник» — опубликованные результаты "
    "проекта ЕС.",
    "Demo plan: amounts, dates, decision numbers and most indicator values are invented for "
    "the demo. Only what is marked “Source” is a published result of the EU project.",
)
PEOPLE = t("адам", "человек", "people")
UNITS = t("бірлік", "единиц", "units")


@dataclass(frozen=True)
class IndSpec:
    name: dict[str, str]
    target: Decimal
    baseline: Decimal = Decimal(0)
    unit: dict[str, str] = field(default_factory=lambda: PEOPLE)
    unit_kind: str = UnitKind.NUMBER
    direction: str = Direction.INCREASE
    rule: str = CumulativeRule.CUMULATIVE
    frequency: str = Frequency.ANNUAL
    linked: str | None = None
    decimals: int = 0


@dataclass(frozen=True)
class ActSpec:
    name: dict[str, str]
    starts: date
    ends: date
    costs: tuple[tuple[int, str, int], ...]
    status: str = ActionStatus.PLANNED
    done: int = 0
    fact: bool = False


@dataclass(frozen=True)
class GoalSpec:
    name: dict[str, str]
    area: str
    outcome: dict[str, str]
    output: dict[str, str]
    indicators: tuple[IndSpec, ...]
    actions: tuple[ActSpec, ...]
    serves: str = ""  # the code of the goal of the plan above it serves
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanSpec:
    kato: str
    kind: str
    title: dict[str, str]
    years: tuple[int, int]
    goals: tuple[GoalSpec, ...]
    envelopes: tuple[tuple[int, str, int], ...]
    body: str
    decision: str
    decided_on: date
    agreed_on: date
    agreement_note: str = ""
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    swot: tuple[tuple[str, str, dict[str, str], bool], ...] = ()
    problems: tuple[tuple[str, str, str, str, dict[str, str], str | None, bool], ...] = ()
    implementing: bool = True


NURA = PlanSpec(
    kato="355200000",
    kind=PlanKind.TERRITORIAL,
    title=t(
        "Нұра ауданының 2018–2020 жылдарға арналған даму жоспары",
        "План развития Нуринского района на 2018–2020 годы",
        "Development plan of Nura rayon 2018–2020",
    ),
    years=(2018, 2020),
    texts={
        Section.PASSPORT: DEMO_NOTE,
        Section.VISION: t(
            "2025 жылы Нұра ауданының әр ауылында байланыс, медициналық көмек және жұмыс бар.",
            "В 2025 году в каждом селе Нуринского района есть связь, медицинская помощь и работа.",
            "By 2025 every village of Nura rayon has connection, medical care and work.",
        ),
    },
    goals=(
        GoalSpec(
            t(
                "Ауылдарда байланыс пен инженерлік инфрақұрылым",
                "Связь и инженерная инфраструктура в сёлах",
                "Connection and engineering infrastructure in villages",
            ),
            G,
            t(
                "Ұялы байланысқа қолжетімділік артады",
                "Растёт доступ к мобильной связи",
                "Access to mobile networks grows",
            ),
            t(
                "Ауылдар ұялы желіге қосылды",
                "Сёла подключены к мобильной сети",
                "Villages connected to mobile networks",
            ),
            (
                IndSpec(
                    t(
                        "Ұялы байланыспен қамту",
                        "Покрытие мобильной связью",
                        "Mobile network coverage",
                    ),
                    Decimal(95),
                    Decimal(80),
                    t("%", "%", "%"),
                    UnitKind.PERCENT,
                    rule=CumulativeRule.LATEST,
                    linked="mobile_coverage",
                    decimals=1,
                ),
            ),
            (
                ActSpec(
                    t(
                        "Ауылдарды ұялы байланысқа қосуды үйлестіру",
                        "Координация подключения сёл к мобильной связи",
                        "Coordinate connecting villages to mobile networks",
                    ),
                    date(2018, 1, 1),
                    date(2020, 12, 31),
                    ((2018, "rayon-budget", 2_000_000), (2019, "rayon-budget", 2_000_000)),
                    ActionStatus.DONE,
                    100,
                ),
            ),
        ),
        GoalSpec(
            t(
                "Қолжетімді әлеуметтік қызметтер",
                "Доступные социальные услуги",
                "Accessible social services",
            ),
            S,
            t(
                "Ауыл тұрғындары медициналық көмек алады",
                "Сельские жители получают медицинскую помощь",
                "Villagers receive medical care",
            ),
            t(
                "Амбулаториялар кадрмен қамтылды",
                "Амбулатории укомплектованы кадрами",
                "Outpatient clinics staffed",
            ),
            (
                IndSpec(
                    t(
                        "Кадрмен қамтылған амбулаториялар",
                        "Укомплектованные амбулатории",
                        "Staffed outpatient clinics",
                    ),
                    Decimal(6),
                    Decimal(2),
                    UNITS,
                    rule=CumulativeRule.LATEST,
                ),
            ),
            (
                ActSpec(
                    t(
                        "Ауылдық амбулаторияларға дәрігерлер тарту",
                        "Привлечение врачей в сельские амбулатории",
                        "Bring doctors to village outpatient clinics",
                    ),
                    date(2018, 1, 1),
                    date(2020, 12, 31),
                    ((2018, "rayon-budget", 6_000_000), (2019, "republican-transfers", 9_000_000)),
                    ActionStatus.IN_PROGRESS,
                    70,
                ),
            ),
        ),
        GoalSpec(
            t(
                "Ауылдағы кәсіпкерлікті дамыту",
                "Развитие предпринимательства в сёлах",
                "Rural entrepreneurship grows",
            ),
            E,
            t(
                "Ауылдарда жаңа қызметтер ашылады",
                "В сёлах открываются новые услуги",
                "New services open in villages",
            ),
            t(
                "Шағын кәсіпкерлерге қолдау көрсетілді",
                "Малым предпринимателям оказана поддержка",
                "Small entrepreneurs supported",
            ),
            (
                IndSpec(
                    t(
                        "Жұмыс істеп тұрған ШОБ субъектілері",
                        "Действующие субъекты МСП",
                        "Active small and medium enterprises",
                    ),
                    Decimal(420),
                    Decimal(360),
                    UNITS,
                    rule=CumulativeRule.LATEST,
                    linked="active_smes",
                ),
            ),
            (
                ActSpec(
                    t(
                        "«Ауыл – Ел бесігі» бойынша шағын гранттар",
                        "Малые гранты по проекту «Ауыл – Ел бесігі»",
                        "Small grants under “Auyl – El Besigi”",
                    ),
                    date(2019, 1, 1),
                    date(2020, 12, 31),
                    ((2019, "auyl-el-besigi", 24_000_000), (2020, "auyl-el-besigi", 24_000_000)),
                    ActionStatus.IN_PROGRESS,
                    50,
                ),
            ),
        ),
    ),
    envelopes=(
        (2018, "rayon-budget", 10_000_000),
        (2019, "rayon-budget", 4_000_000),
        (2019, "republican-transfers", 10_000_000),
        (2019, "auyl-el-besigi", 25_000_000),
        (2020, "auyl-el-besigi", 25_000_000),
    ),
    body="nura",
    decision="24/187",
    decided_on=date(2017, 12, 22),
    agreed_on=date(2017, 12, 5),
)

MOBILE = t(
    "Ұялы байланысқа қолжетімді тұрғындар",
    "Жители с доступом к мобильной связи",
    "Residents with access to mobile networks",
)

ZHARASPAI = PlanSpec(
    kato="355243000",
    kind=PlanKind.RURAL_INCLUSIVE,
    title=t(
        "Жараспай ауылдық округінің 2018–2020 жылдарға арналған инклюзивті даму жоспары",
        "Инклюзивный план развития Жараспайского сельского округа на 2018–2020 годы",
        "Inclusive development plan of Zharaspai rural okrug 2018–2020",
    ),
    years=(2018, 2020),
    texts={
        Section.PASSPORT: DEMO_NOTE,
        Section.VISION: t(
            "Бес жылдан кейін Жараспай — байланысы, дәрігері және қызметтері бар ауыл.",
            "Через пять лет Жараспай — село со связью, врачом и услугами рядом с домом.",
            "In five years Zharaspai is a village with connection, a doctor and services close to home.",
        ),
        Section.ANALYSIS: t(
            "Жоспар жазылып жатқанда тұрғындар ұялы байланыстың жоқтығын көтерді; амбулатория салынған, бірақ кадр жоқ.",
            "При написании плана жители говорили об отсутствии мобильной связи; амбулатория построена, но без персонала.",
            "While the plan was written, residents raised the lack of a mobile network; the outpatient clinic had been built but had no staff.",
        ),
    },
    swot=(
        (
            G,
            W,
            t(
                "Ауылда ұялы байланыс жоқ",
                "В селе нет мобильной связи",
                "No mobile network in the village",
            ),
            True,
        ),
        (
            G,
            OPP,
            t(
                "Байланыс операторы желіні кеңейтуге дайын",
                "Оператор связи готов расширить сеть",
                "An operator is ready to extend its network",
            ),
            False,
        ),
        (
            S,
            ST,
            t(
                "Жаңа амбулатория ғимараты салынған",
                "Построено новое здание амбулатории",
                "A new outpatient clinic building has been built",
            ),
            True,
        ),
        (
            S,
            W,
            t(
                "Амбулаторияда дәрігер мен медбике жоқ",
                "В амбулатории нет врача и медсестры",
                "The clinic has no doctor and no nurse",
            ),
            True,
        ),
        (
            E,
            W,
            t(
                "Дәріхана мен шаштараз жоқ",
                "Нет аптеки и парикмахерской",
                "No pharmacy and no hairdresser",
            ),
            False,
        ),
        (
            E,
            T,
            t("Жастар қалаға көшеді", "Молодёжь уезжает в город", "Young people move to town"),
            False,
        ),
    ),
    problems=(
        (
            "mobile",
            "",
            CORE,
            G,
            t("Ұялы байланыстың жоқтығы", "Отсутствие мобильной связи", "No mobile network"),
            "mobile_coverage",
            True,
        ),
        (
            "mobile-cause",
            "mobile",
            CAUSE,
            G,
            t(
                "Оператор өтелмейтін аймақ деп санады",
                "Оператор считал зону невыгодной",
                "The operator saw no business case",
            ),
            None,
            False,
        ),
        (
            "mobile-effect",
            "mobile",
            EFFECT,
            G,
            t(
                "Жедел жәрдем шақыру қиын",
                "Трудно вызвать скорую помощь",
                "Hard to call an ambulance",
            ),
            None,
            False,
        ),
        (
            "clinic",
            "",
            CORE,
            S,
            t(
                "Амбулатория кадрсыз",
                "Амбулатория без персонала",
                "Outpatient clinic without staff",
            ),
            None,
            True,
        ),
        (
            "clinic-effect",
            "clinic",
            EFFECT,
            S,
            t(
                "Емделу үшін аудан орталығына бару керек",
                "За лечением ездят в райцентр",
                "People travel to the rayon centre for care",
            ),
            None,
            False,
        ),
    ),
    goals=(
        GoalSpec(
            t(
                "Әр үйде ұялы байланыс",
                "Мобильная связь в каждом доме",
                "Mobile connection in every home",
            ),
            G,
            t(
                "Тұрғындардың ұялы байланысқа қолжетімділігі бар",
                "Жители имеют доступ к мобильной связи",
                "Residents have mobile access",
            ),
            t(
                "Жараспайға ұялы желі қосылды",
                "К Жараспаю подключена мобильная сеть",
                "Zharaspai connected to a mobile network",
            ),
            (IndSpec(MOBILE, Decimal(560)),),
            (
                ActSpec(
                    t(
                        "Beeline ұялы желісін қосу (2018 жылғы қаңтар)",
                        "Подключение мобильной сети Beeline (январь 2018)",
                        "Connect the Beeline mobile network (January 2018)",
                    ),
                    date(2018, 1, 1),
                    date(2018, 1, 31),
                    ((2018, "private", 3_500_000),),
                    ActionStatus.DONE,
                    100,
                    True,
                ),
            ),
            serves="1",
            problems=("mobile",),
        ),
        GoalSpec(
            t(
                "Ауылда медициналық көмек",
                "Медицинская помощь в селе",
                "Medical care in the village",
            ),
            S,
            t("Амбулатория жұмыс істейді", "Амбулатория работает", "The outpatient clinic works"),
            t(
                "Дәрігер мен медбике шақырылды",
                "Приглашены врач и медсестра",
                "A doctor and a nurse invited",
            ),
            (
                IndSpec(
                    t(
                        "Амбулаториядағы медицина қызметкерлері",
                        "Медработники в амбулатории",
                        "Medical staff at the clinic",
                    ),
                    Decimal(2),
                    rule=CumulativeRule.LATEST,
                ),
            ),
            (
                ActSpec(
                    t(
                        "Шығыс Қазақстаннан дәрігер мен медбикені шақыру",
                        "Пригласить врача и медсестру из Восточного Казахстана",
                        "Invite a doctor and a nurse from East Kazakhstan",
                    ),
                    date(2018, 2, 1),
                    date(2018, 12, 31),
                    ((2018, "okrug-budget", 1_200_000),),
                    ActionStatus.DONE,
                    100,
                    True,
                ),
            ),
            serves="2",
            problems=("clinic",),
        ),
        GoalSpec(
            t("Үйге жақын қызметтер", "Услуги рядом с домом", "Services close to home"),
            E,
            t(
                "Ауылда дәріхана мен шаштараз бар",
                "В селе есть аптека и парикмахерская",
                "The village has a pharmacy and a hairdresser",
            ),
            t(
                "Жаңа қызмет нысандары ашылды",
                "Открыты новые объекты услуг",
                "New service outlets opened",
            ),
            (
                IndSpec(
                    t("Жаңа қызмет нысандары", "Новые объекты услуг", "New service outlets"),
                    Decimal(2),
                    unit=UNITS,
                ),
            ),
            (
                ActSpec(
                    t("Дәріхана ашу (2019)", "Открыть аптеку (2019)", "Open a pharmacy (2019)"),
                    date(2019, 1, 1),
                    date(2019, 12, 31),
                    ((2019, "private", 2_500_000), (2019, "okrug-budget", 500_000)),
                    fact=True,
                ),
                ActSpec(
                    t(
                        "Шаштараз ашу (2019)",
                        "Открыть парикмахерскую (2019)",
                        "Open a hairdresser (2019)",
                    ),
                    date(2019, 1, 1),
                    date(2019, 12, 31),
                    ((2019, "private", 1_000_000),),
                    fact=True,
                ),
            ),
            serves="3",
        ),
    ),
    envelopes=(
        (2018, "private", 3_500_000),
        (2018, "okrug-budget", 1_500_000),
        (2019, "private", 4_000_000),
        (2019, "okrug-budget", 1_000_000),
    ),
    body="nura",
    decision="25/201",
    decided_on=date(2018, 1, 26),
    agreed_on=date(2018, 1, 15),
    agreement_note="Сход жителей Жараспая (демо-подсчёт)",
)


def okrug(
    kato: str,
    kk: str,
    ru: str,
    en: str,
    body: str,
    *,
    mobile_target: int = 300,
    mobile_fact: bool = False,
) -> PlanSpec:
    """An inclusive plan of a pilot okrug: a goal per working group's area, each aligned to
    the rayon's goal of that area (Nura's only)."""
    mobile = IndSpec(MOBILE, Decimal(mobile_target))
    return PlanSpec(
        kato=kato,
        kind=PlanKind.RURAL_INCLUSIVE,
        title=t(
            f"{kk} 2018–2020 жылдарға арналған инклюзивті даму жоспары",
            f"Инклюзивный план развития: {ru}, 2018–2020",
            f"Inclusive development plan of {en} 2018–2020",
        ),
        years=(2018, 2020),
        texts={Section.PASSPORT: DEMO_NOTE},
        swot=(
            (
                E,
                ST,
                t(
                    "Жайылымдар мен мал шаруашылығы",
                    "Пастбища и животноводство",
                    "Pastures and livestock",
                ),
                False,
            ),
            (
                S,
                W,
                t(
                    "Мектеп пен клубқа жөндеу керек",
                    "Школе и клубу нужен ремонт",
                    "The school and club need repair",
                ),
                False,
            ),
            (
                G,
                W,
                t("Ішкі жолдар нашар", "Плохие внутрипоселковые дороги", "Poor village roads"),
                False,
            ),
        ),
        goals=(
            GoalSpec(
                t("Байланыс және жолдар", "Связь и дороги", "Connection and roads"),
                G,
                t(
                    "Тұрғындар байланысқа қол жеткізеді",
                    "Жители получают доступ к связи",
                    "Residents get connected",
                ),
                t("Ұялы желі кеңейтілді", "Мобильная сеть расширена", "Mobile network extended"),
                (mobile,),
                (
                    ActSpec(
                        t(
                            "Ұялы желіні кеңейту",
                            "Расширение мобильной сети",
                            "Extend the mobile network",
                        ),
                        date(2019, 1, 1),
                        date(2020, 12, 31),
                        ((2019, "private", 2_000_000),),
                        fact=mobile_fact,
                    ),
                ),
                serves="1",
            ),
            GoalSpec(
                t("Әлеуметтік нысандар", "Социальные объекты", "Social facilities"),
                S,
                t(
                    "Клуб пен мектеп жөнделді",
                    "Отремонтированы клуб и школа",
                    "Club and school repaired",
                ),
                t("Жөндеу жұмыстары жүргізілді", "Проведён ремонт", "Repairs carried out"),
                (
                    IndSpec(
                        t("Жөнделген нысандар", "Отремонтированные объекты", "Facilities repaired"),
                        Decimal(2),
                        unit=UNITS,
                    ),
                ),
                (
                    ActSpec(
                        t("Клубты жөндеу", "Ремонт клуба", "Repair the club"),
                        date(2018, 5, 1),
                        date(2019, 10, 31),
                        ((2018, "okrug-budget", 800_000), (2019, "okrug-budget", 700_000)),
                    ),
                ),
                serves="2",
            ),
            GoalSpec(
                t(
                    "Ауыл шаруашылығы мен кәсіпкерлік",
                    "Сельское хозяйство и предпринимательство",
                    "Farming and enterprise",
                ),
                E,
                t("Жаңа шағын кәсіпорындар", "Новые малые предприятия", "New small businesses"),
                t(
                    "Кәсіпкерлерге кеңес берілді",
                    "Предпринимателям оказаны консультации",
                    "Entrepreneurs advised",
                ),
                (
                    IndSpec(
                        t(
                            "Жаңа шағын кәсіпорындар",
                            "Новые малые предприятия",
                            "New small businesses",
                        ),
                        Decimal(3),
                        unit=UNITS,
                        rule=CumulativeRule.NON_CUMULATIVE,
                    ),
                ),
                (
                    ActSpec(
                        t(
                            "Кәсіпкерлерге арналған кеңестер",
                            "Консультации для предпринимателей",
                            "Advice for entrepreneurs",
                        ),
                        date(2018, 3, 1),
                        date(2020, 11, 30),
                        ((2018, "donor-grant", 300_000), (2019, "donor-grant", 300_000)),
                    ),
                ),
                serves="3",
            ),
        ),
        envelopes=(
            (2018, "okrug-budget", 1_000_000),
            (2019, "okrug-budget", 1_000_000),
            (2019, "private", 2_000_000),
            (2018, "donor-grant", 300_000),
            (2019, "donor-grant", 300_000),
        ),
        body=body,
        decision=f"25/{kato[4:6]}",
        decided_on=date(2018, 1, 26),
        agreed_on=date(2018, 1, 18),
    )


OKRUGS = (
    # Izendi: 653 more people to be connected (a fact of the sources).
    okrug(
        "355253000",
        "Изенді ауылдық округінің",
        "Изендинский сельский округ",
        "Izendi rural okrug",
        "nura",
        mobile_target=653,
        mobile_fact=True,
    ),
    okrug(
        "355249000",
        "Ақмешіт ауылдық округінің",
        "Акмешитский сельский округ",
        "Akmeshit rural okrug",
        "nura",
    ),
    okrug(
        "355261000",
        "Мыңбаев ауылдық округінің",
        "Сельский округ Карима Мынбаева",
        "Mynbayev rural okrug",
        "nura",
    ),
    okrug("355230000", "Нұра кентінің", "посёлок Нура (Киевка)", "Nura (Kievka) township", "nura"),
    okrug("634030000", "Глубокое кентінің", "посёлок Глубокое", "Glubokoe township", "glubokoe"),
    okrug(
        "634037000", "Белоусовка кентінің", "посёлок Белоусовка", "Belousovka township", "glubokoe"
    ),
    okrug(
        "634051000",
        "Кожохово ауылдық округінің",
        "Кожоховский сельский округ",
        "Kozhokhovo rural okrug",
        "glubokoe",
    ),
    okrug(
        "636857000",
        "Первомай ауылдық округінің",
        "Первомайский сельский округ",
        "Pervomaiskiy rural okrug",
        "shemonaikha",
    ),
    okrug(
        "636837000",
        "Волчанка ауылдық округінің",
        "Волчанский сельский округ",
        "Volchanka rural okrug",
        "shemonaikha",
    ),
)

POVERTY = t("Кедейлік деңгейі", "Уровень бедности", "Poverty rate")

EAST = PlanSpec(
    kato="630000000",
    kind=PlanKind.THEMATIC,
    title=t(
        "Шығыс Қазақстан облысында кедейлікті азайту бағдарламасы, 2025–2027",
        "Программа снижения бедности в Восточно-Казахстанской области на 2025–2027 годы",
        "Poverty reduction programme of East Kazakhstan oblast 2025–2027",
    ),
    years=(2025, 2027),
    texts={
        Section.PASSPORT: DEMO_NOTE,
        Section.VISION: t(
            "Облыстың әр ауданында кедейлік азаяды.",
            "В каждом районе области бедность снижается.",
            "Poverty falls in every rayon of the oblast.",
        ),
    },
    goals=(
        GoalSpec(
            t("Кедейлікті азайту", "Снижение бедности", "Less poverty"),
            E,
            t(
                "Табысы төмен отбасылар саны азаяды",
                "Меньше семей с низкими доходами",
                "Fewer low-income families",
            ),
            t(
                "Отбасылар жұмысқа орналастырылды",
                "Члены семей трудоустроены",
                "Family members placed in jobs",
            ),
            (
                IndSpec(
                    POVERTY,
                    Decimal("3.5"),
                    Decimal("4.6"),
                    t("%", "%", "%"),
                    UnitKind.PERCENT,
                    Direction.DECREASE,
                    CumulativeRule.LATEST,
                    Frequency.QUARTERLY,
                    decimals=1,
                ),
                IndSpec(
                    t("Жұмысқа орналастырылғандар", "Трудоустроенные", "People placed in jobs"),
                    Decimal(3600),
                    rule=CumulativeRule.NON_CUMULATIVE,
                    frequency=Frequency.QUARTERLY,
                ),
            ),
            (
                ActSpec(
                    t("Жұмыспен қамту жәрмеңкелері", "Ярмарки вакансий", "Job fairs"),
                    date(2025, 1, 1),
                    date(2027, 12, 31),
                    (
                        (2025, "oblast-budget", 40_000_000),
                        (2026, "oblast-budget", 40_000_000),
                        (2027, "oblast-budget", 40_000_000),
                    ),
                    ActionStatus.IN_PROGRESS,
                    40,
                ),
                ActSpec(
                    t("Шағын несиелер", "Микрокредиты", "Microcredits"),
                    date(2025, 3, 1),
                    date(2026, 6, 30),
                    ((2025, "loan", 150_000_000), (2026, "loan", 100_000_000)),
                    ActionStatus.IN_PROGRESS,
                    60,
                ),
            ),
        ),
        GoalSpec(
            t(
                "Әлеуметтік қызметтерге қолжетімділік",
                "Доступ к социальным услугам",
                "Access to social services",
            ),
            S,
            t(
                "Атаулы көмек уақытында беріледі",
                "Адресная помощь выплачивается вовремя",
                "Targeted assistance paid on time",
            ),
            t(
                "Өтінімдер 10 күнде қаралады",
                "Заявления рассматриваются за 10 дней",
                "Applications handled in 10 days",
            ),
            (
                IndSpec(
                    t(
                        "Уақытында қаралған өтінімдер",
                        "Заявления, рассмотренные в срок",
                        "Applications handled on time",
                    ),
                    Decimal(98),
                    Decimal(85),
                    t("%", "%", "%"),
                    UnitKind.PERCENT,
                    rule=CumulativeRule.LATEST,
                    frequency=Frequency.QUARTERLY,
                ),
            ),
            (
                ActSpec(
                    t(
                        "ХҚКО-да бір терезе",
                        "Одно окно в ЦОНах",
                        "One window at the public service centres",
                    ),
                    date(2025, 1, 1),
                    date(2025, 12, 31),
                    ((2025, "oblast-budget", 15_000_000),),
                    ActionStatus.DELAYED,
                    70,
                ),
            ),
        ),
    ),
    envelopes=(
        (2025, "oblast-budget", 60_000_000),
        (2026, "oblast-budget", 45_000_000),
        (2027, "oblast-budget", 45_000_000),
        (2025, "loan", 150_000_000),
        (2026, "loan", 100_000_000),
    ),
    body="east",
    decision="3/25-VIII",
    decided_on=date(2024, 12, 13),
    agreed_on=date(2024, 11, 29),
)
