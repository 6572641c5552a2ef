"""The seed competition's facts: what the public source says, and what the demo adds.

Source (../shared/sources/004_b61ef31af4865243.txt, the EU project's news of November 2018):
the call announced on 16 October 2018; a fund of 12,000,000 tenge; projects of 500,000 to
1,200,000 tenge; the applicant's own contribution 10–20 % of the total; small businesses and
existing and potential individual entrepreneurs of Pervomaiskiy and Volchanka rural okrugs
(Shemonaikha rayon), the Glubokoe and Belousovka townships and Kozhokhovo rural okrug
(Glubokoe rayon), the Nura (Kievka) township and Akmeshit, Izendi, Zharaspai and Mynbayev
rural okrugs (Nura rayon); 31 applications, 17 from East Kazakhstan and 14 from Karagandy;
the committee's meeting on 22 November 2018 in Astana; 12 projects funded, 5 and 7, for
12,000,000 tenge in all; award ceremonies on 6 and 11 December 2018 in Oskemen and Nura.

Demo (invented, plausible): the applicants and their businesses, budgets and scores; the
committee's members; the criteria and their weights; the split of the fund into 5,000,000
and 7,000,000 tenge reserved per oblast; the later dates; the follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE = (
    "Public facts (EU project news, November 2018): the fund of 12,000,000 tenge, projects of "
    "500,000–1,200,000 tenge, own contribution 10–20 %, the eligible okrugs and townships, "
    "31 applications (17 + 14), 12 projects funded (5 + 7) for 12,000,000 tenge, the committee "
    "on 22 November 2018 in Astana, ceremonies on 6 and 11 December 2018 in Oskemen and Nura; "
    "across the programme, 33 entrepreneurs funded with more than 32 million tenge. Demo data: "
    "the applicants, budgets, scores, committee members, criteria and the reserves per oblast."
)

EAST, KARAGANDA = "630000000", "350000000"
ELIGIBLE = (
    "636857000",  # Pervomaiskiy rural okrug
    "636837000",  # Volchanka rural okrug
    "634030000",  # Glubokoe township
    "634037000",  # Belousovka township
    "634051000",  # Kozhokhovo rural okrug
    "355230000",  # Nura (Kievka) township
    "355249000",  # Akmeshit rural okrug
    "355253000",  # Izendi rural okrug
    "355243000",  # Zharaspai rural okrug
    "355261000",  # Mynbayev rural okrug
)

# code, kk, ru, en, weight, maximum, tie-break position
CRITERIA = (
    ("novelty", "Жаңашылдық", "Новизна идеи", "Novelty of the idea", 2, 10, 2),
    ("plan", "Бизнес-жоспардың сапасы", "Качество бизнес-плана", "Quality of the business plan", 3, 10, 1),
    ("equipment", "Жабдықтың негізділігі", "Обоснованность оборудования", "Equipment justified", 2, 10, None),
    ("jobs", "Жаңа жұмыс орындары", "Создание рабочих мест", "Jobs created", 2, 10, 3),
    ("need", "Жергілікті қажеттілік", "Местная потребность", "Local need", 1, 10, None),
)  # fmt: skip
MINIMUM = (
    ("premises", "Бизнеске арналған үй-жай немесе жер учаскесі бар",
     "Есть помещение или земельный участок для бизнеса", "Premises or land for the business"),
    ("resident", "Өтініш беруші жоба аумағында тұрады немесе тіркелген",
     "Заявитель живёт или зарегистрирован на территории проекта",
     "The applicant lives or is registered in the project's territory"),
)  # fmt: skip
PRIORITY = (
    ("youth", "Жастар (35 жасқа дейін)", "Молодёжь (до 35 лет)", "Youth (under 35)", 3),
    ("vulnerable", "Әлеуметтік осал топтар", "Социально уязвимые группы", "Socially vulnerable", 3),
)


@dataclass(frozen=True)
class Seat:
    username: str
    first: str
    last: str
    role: str
    group: str
    affiliation: str
    language: str = "ru"


COMMITTEE = (
    Seat("grants.chair", "Айжан", "Сарсенова", "chair", "civil", "ARGO, project team", "kk"),
    Seat("grants.public1", "Ерлан", "Касенов", "member", "public", "Akimat of Glubokoe rayon"),
    Seat("grants.public2", "Марат", "Жакупов", "member", "public", "Akimat of Nura rayon", "kk"),
    Seat("grants.business1", "Ольга", "Ким", "member", "business", "Chamber of entrepreneurs, East Kazakhstan"),
    Seat("grants.business2", "Нурлан", "Абдрахманов", "member", "business", "Chamber of entrepreneurs, Karagandy", "kk"),
    Seat("grants.civil1", "Галина", "Шевченко", "member", "civil", "Centre for Local Self-Governance Development"),
    Seat("grants.civil2", "Динара", "Искакова", "member", "civil", "ECOCENTER, Karagandy", "kk"),
    Seat("grants.secretary", "Асем", "Жумабекова", "secretary", "civil", "ARGO, project team", "kk"),
    Seat("grants.officer", "Тимур", "Бекетов", "officer", "civil", "ARGO, project officer"),
    Seat("grants.officer2", "Людмила", "Попова", "officer", "civil", "ECOCENTER, project officer"),
)  # fmt: skip
APPLICANT_LOGIN = "grants.applicant"

# The documents attached to each online application (demo): file name, title, text; in
# Russian, the language of the demo applications' own texts.
ATTACHMENTS = (
    ("business-plan", "Бизнес-план", "Демонстрационный бизнес-план: идея проекта, рынок, "
     "расходы и рабочие места, которые создаст бизнес."),
    ("identity-card", "Удостоверение личности", "Демонстрационная копия удостоверения: "
     "настоящих персональных данных в ней нет."),
    ("cost-estimate", "Смета расходов", "Демонстрационная смета: оборудование, материалы "
     "и монтаж, собственный вклад заявителя и запрошенная сумма."),
)  # fmt: skip


@dataclass(frozen=True)
class DemoApplication:
    """`scores` gives the base score per criterion (novelty, plan, equipment, jobs, need);
    each member's score varies around it by a pattern that averages to zero."""

    number: int
    kato: str
    name: str
    business: str
    sector: str
    kind: str
    grant: int
    own: int
    jobs: int
    scores: str = ""
    channel: str = "paper"
    special: str = ""  # withdrawn | duplicate | minimum_failed
    groups: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""


IE, SB, PE = "ie", "small_business", "potential"
# fmt: off
APPLICATIONS = (
    # East Kazakhstan: 17 (5 funded for exactly 5,000,000 tenge)
    DemoApplication(1, "636857000", "Петрова Светлана Ивановна", "Пекарня «Колосок»", "processing", IE, 1_080_000, 120_000, 3, "99889", "online"),
    DemoApplication(2, "634030000", "Ахметов Ерлан Серикович", "Теплица «Жасыл үй»", "agriculture", IE, 960_000, 190_000, 2, "98989"),
    DemoApplication(3, "634037000", "Кузнецов Андрей Петрович", "Столярная мастерская", "crafts", SB, 1_050_000, 150_000, 4, "89889"),
    DemoApplication(4, "636837000", "Нургалиева Айгуль Маратовна", "Швейный цех «Ажар»", "crafts", IE, 990_000, 110_000, 3, "88889", "online"),
    DemoApplication(5, "634051000", "Смирнов Виктор Алексеевич", "Пасека и переработка мёда", "agriculture", PE, 920_000, 180_000, 2, "88788"),
    DemoApplication(6, "634030000", "Исина Гульнара Болатовна", "Парикмахерская «Стиль»", "services", IE, 600_000, 100_000, 2, "87878"),
    DemoApplication(7, "636857000", "Волков Сергей Николаевич", "Шиномонтаж и ремонт автомобилей", "services", IE, 850_000, 150_000, 2, "78778"),
    DemoApplication(8, "634037000", "Тулегенова Динара Асылбековна", "Мини-цех по переработке молока", "processing", SB, 1_000_000, 200_000, 3, "77787"),
    DemoApplication(9, "636837000", "Морозова Наталья Викторовна", "Кондитерский цех", "processing", IE, 700_000, 120_000, 2, "77778", groups=("vulnerable",)),
    DemoApplication(10, "634051000", "Сейткалиев Бауыржан Кайратович", "Откорм бычков", "agriculture", PE, 1_000_000, 150_000, 1, "67777"),
    DemoApplication(11, "634030000", "Белова Ирина Сергеевна", "Фотостудия", "services", IE, 550_000, 100_000, 1, "76667"),
    DemoApplication(12, "636857000", "Жумабаев Нурлан Ерикович", "Сварочный цех", "crafts", SB, 900_000, 160_000, 2, "66676"),
    DemoApplication(13, "634037000", "Ким Александр Викторович", "Прокат строительного инструмента", "services", IE, 480_000, 80_000, 1, "56666"),
    DemoApplication(14, "634051000", "Григорьев Павел Олегович", "Мини-гостиница для туристов", "tourism", SB, 900_000, 300_000, 2),
    DemoApplication(15, "636837000", "Абенова Сауле Кайратовна", "Цех тротуарной плитки", "crafts", SB, 1_150_000, 200_000, 3),
    DemoApplication(16, "634030000", "Лебедев Игорь Юрьевич", "Ремонт бытовой техники", "services", IE, 700_000, 100_000, 1, "", "online", "withdrawn"),
    DemoApplication(17, "636857000", "Оспанова Жанар Муратовна", "Магазин хозяйственных товаров", "trade", IE, 800_000, 100_000, 1, "44544"),
    # Karagandy: 14 (7 funded for exactly 7,000,000 tenge)
    DemoApplication(18, "355243000", "Билялова Айнур Багжановна", "Аптечный пункт «Шипагер»", "services", IE, 1_080_000, 120_000, 2, "99998", "online"),
    DemoApplication(19, "355230000", "Касымов Даурен Ерланович", "Цех по производству пеноблоков", "crafts", SB, 940_000, 200_000, 4, "89988"),
    DemoApplication(20, "355249000", "Жаксылыкова Гульмира Сагатовна", "Переработка молока и производство курта", "processing", IE, 1_020_000, 150_000, 3, "98898"),
    DemoApplication(21, "355253000", "Омаров Бекзат Нурланович", "Кормоцех", "agriculture", PE, 980_000, 200_000, 2, "88898"),
    DemoApplication(22, "355243000", "Сулейменова Асель Жанатовна", "Парикмахерская «Сұлу»", "services", PE, 1_060_000, 140_000, 2, "88889", groups=("youth",)),
    DemoApplication(23, "355261000", "Ибраев Серик Муратович", "Мини-пекарня", "processing", IE, 920_000, 130_000, 2, "87888"),
    DemoApplication(24, "355230000", "Ермекова Алия Бауыржановна", "Ателье национальной одежды", "crafts", IE, 1_000_000, 180_000, 3, "78888"),
    DemoApplication(25, "355249000", "Нуржанов Асхат Кайратович", "Ремонт сельхозтехники", "services", IE, 800_000, 150_000, 2, "77777"),
    DemoApplication(26, "355230000", "Павленко Елена Викторовна", "Цветочная теплица", "agriculture", IE, 650_000, 100_000, 1, "76777"),
    DemoApplication(27, "355261000", "Тлеубаев Арман Серикович", "Убойный пункт", "processing", SB, 1_050_000, 150_000, 3, "66777"),
    DemoApplication(28, "355243000", "Мукашева Бибигуль Есеновна", "Мини-магазин с пекарней", "trade", IE, 700_000, 100_000, 1, "66666"),
    DemoApplication(29, "355253000", "Омаров Бекзат Нурланович", "Кормоцех (повторная заявка)", "agriculture", PE, 980_000, 200_000, 2, "", "paper", "duplicate"),
    DemoApplication(30, "355249000", "Сатпаев Ержан Бекович", "Автомойка", "services", IE, 600_000, 100_000, 1, "", "paper", "minimum_failed"),
    DemoApplication(31, "355230000", "Ли Ольга Владимировна", "Прокат свадебных платьев", "services", IE, 500_000, 90_000, 1, "44454"),
)
# fmt: on
# Declared conflicts of interest: (member's username, application number). Each leaves six
# voters, two per interest group: a lawful composition.
CONFLICTS = (("grants.civil2", 20), ("grants.civil1", 4))
# A score far from the others' (flagged for discussion): (username, application, criterion, +).
OUTLIER = ("grants.business2", 13, "novelty", 4)
# Members' deviations from the base score, averaging to zero over the seven voters.
PATTERN = (0, 1, -1, 0, 1, -1, 0)
CEREMONIES = {EAST: ("2018-12-06", "Өскемен / Oskemen"), KARAGANDA: ("2018-12-11", "Нұра / Nura")}
