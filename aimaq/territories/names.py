"""Place names reduced to keys that compare across languages and spellings, and the tables
behind them: one module for the search (`search.py`) and the boundary import (`boundaries.py`).

Two kinds of key, for two jobs. The search key (`name_key`) is forgiving: level words
stripped, Kazakh letters folded, Cyrillic transliterated to Latin, the spellings that
transliterations disagree on collapsed, endings cut. The boundary keys (`normalise_name`,
`strict_key`) stay in Cyrillic and keep what kind of unit a name is as a tag, since a
boundary must go to exactly one unit ("Алматы қаласы" is the city, not the oblast).
"""

from __future__ import annotations

import re
import unicodedata

# Kazakh letters folded to the Russian letter they are usually transliterated like; the
# Latin i (U+0069) stands in for Kazakh і (U+0456) in some official files.
KAZAKH_FOLD = str.maketrans(
    {
        "ё": "е",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
    }
)

CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sh",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)

# Applied in order to the Latin string: the spellings transliteration schemes disagree on.
PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("dzh", "j"),
    ("zh", "j"),
    ("gh", "g"),
    ("ts", "c"),
    ("tc", "c"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "u"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("ye", "e"),
    ("y", "i"),
    ("ii", "i"),
)

# Words that say what kind of unit a name is, in the three languages; stripped before
# matching so "Karaganda Region" and "Карагандинская область" compare by the name alone.
_LEVEL_WORDS_SOURCE = """
    облысы облыс область обл области oblast oblysy region province
    район ауданы аудан р-н rayon raion district audany
    сельский округ ауылдық округі ауылдык округи с.о. со с/о rural okrug
    поселковый кенттік поселок посёлок пос кент п township settlement
    ауыл аул село с village aul
    город қаласы каласы қала кала г г.а. га қ.ә. ка к city town of
    республиканского областного значения маңызы бар республикалық облыстық significance
    администрация әкімшілігі administration а. с.а. п.а.
"""

# Alternative names of the same place (exonyms, former names, Russian/Kazakh spellings).
# A territory whose name is one of them is found by any other.
ALTERNATIVE_NAMES: tuple[tuple[str, ...], ...] = (
    ("Oskemen", "Өскемен", "Ust-Kamenogorsk", "Усть-Каменогорск"),
    ("Semey", "Семей", "Semipalatinsk", "Семипалатинск"),
    ("Konaev", "Qonaev", "Қонаев", "Конаев", "Kapchagay", "Kapshagay", "Капчагай", "Қапшағай"),
    (
        "Astana",
        "Астана",
        "Nur-Sultan",
        "Нур-Султан",
        "Нұр-Сұлтан",
        "Akmola",
        "Tselinograd",
        "Целиноград",
    ),
    ("Kievka", "Киевка", "Nura", "Нура"),
    ("Oral", "Орал", "Uralsk", "Уральск"),
    ("Petropavl", "Петропавл", "Petropavlovsk", "Петропавловск"),
    ("Turkistan", "Түркістан", "Turkestan", "Туркестан"),
    ("Zhezkazgan", "Жезқазған", "Jezkazgan", "Джезказган"),
    ("Almaty", "Алматы", "Alma-Ata", "Алма-Ата"),
    ("Aktau", "Ақтау", "Shevchenko", "Шевченко"),
    ("Taraz", "Тараз", "Zhambyl", "Dzhambul", "Джамбул", "Aulie-Ata"),
)

# Administrative centres of the first-level units (by the first two KATO digits) that are
# not units of their own first level: searching for the centre finds the oblast.
ADMINISTRATIVE_CENTRES: dict[str, tuple[str, ...]] = {
    "10": ("Semey", "Семей"),
    "11": ("Kokshetau", "Көкшетау", "Кокшетау"),
    "15": ("Aktobe", "Ақтөбе", "Актобе"),
    "19": ("Konaev", "Қонаев", "Конаев"),
    "23": ("Atyrau", "Атырау"),
    "27": ("Oral", "Орал", "Уральск"),
    "31": ("Taraz", "Тараз"),
    "33": ("Taldykorgan", "Талдықорған", "Талдыкорган"),
    "35": ("Karaganda", "Қарағанды", "Караганда"),
    "39": ("Kostanay", "Қостанай", "Костанай"),
    "43": ("Kyzylorda", "Қызылорда", "Кызылорда"),
    "47": ("Aktau", "Ақтау", "Актау"),
    "55": ("Pavlodar", "Павлодар"),
    "59": ("Petropavl", "Петропавл", "Петропавловск"),
    "61": ("Turkistan", "Түркістан", "Туркестан"),
    "62": ("Zhezkazgan", "Жезқазған", "Жезказган"),
    "63": ("Oskemen", "Өскемен", "Усть-Каменогорск"),
    "71": ("Astana", "Астана"),
    "75": ("Almaty", "Алматы"),
    "79": ("Shymkent", "Шымкент"),
}

# Words that say what kind of unit a name is, not which one: dropped for the loose
# comparison, kept as a tag for the strict one ("Алматы (қала)" is the city, not the oblast).
UNIT_WORDS = {
    **dict.fromkeys(["область", "облысы", "обл", "region", "oblast", "province"], "<oblast>"),
    **dict.fromkeys(["район", "ауданы", "district", "rayon"], "<rayon>"),
    **dict.fromkeys(["city", "қала", "қаласы", "город", "г", "қ"], "<city>"),
    **dict.fromkeys(["сельский", "округ", "ауылдық", "округі", "rural", "okrug"], "<okrug>"),
    **dict.fromkeys(["township", "посёлок", "поселок", "кенті"], "<township>"),
    **dict.fromkeys(["городская", "администрация", "of", "the"], ""),
}
# Latin letters that look like Cyrillic ones, found inside Cyrillic words in GIS files
# (the 2024 adm1 file writes «Солтүстiк» with a Latin i).
LATIN_LOOKALIKES = str.maketrans("aeiopcxykhm", "аеіорсхукһм")

_PUNCTUATION = re.compile(r"[\s\-‐–—_/,;:()«»\"'`ʼ’.]+")


def normalise(text: str) -> str:
    """Lowercase, Kazakh letters folded, punctuation to single spaces."""
    text = text.lower().translate(KAZAKH_FOLD)
    if re.search("[а-я]", text):
        # Latin i typed among Cyrillic letters is the Kazakh і.
        text = text.replace("i", "и")
    return _PUNCTUATION.sub(" ", text).strip()


LEVEL_WORDS = frozenset(
    word for source in _LEVEL_WORDS_SOURCE.split() for word in normalise(source).split()
)


def strip_level_words(text: str) -> str:
    words = [word for word in text.split() if word not in LEVEL_WORDS]
    return " ".join(words) or text


def phonetic(text: str) -> str:
    """A spelling-insensitive Latin key for a name in any of the three languages."""
    latin = text.translate(CYRILLIC_TO_LATIN)
    for source, target in PHONETIC_RULES:
        latin = latin.replace(source, target)
    # х is written h, kh or (in Kazakh spellings) k: all become k, except in sh and ch.
    latin = re.sub(r"(?<![sc])h", "k", latin)
    # Doubled letters are spelt single in half the sources (Semipalatinsk, Ossakarovka).
    return re.sub(r"(.)\1+", r"\1", latin)


_ADJECTIVE_ENDING = re.compile(r"(?:in|ov|ev|en)?sk(?:aia|oe|ogo|ii|i)$")
_FINAL_VOWELS = re.compile(r"[aeiou]+$")


def stem(word: str) -> str:
    """Cut the endings that vary between languages and grammatical forms.

    Караганда / Қарағанды / Karagandy differ only in the last vowel; Нуринский район and
    Нура differ by the Russian adjective ending.
    """
    word = _ADJECTIVE_ENDING.sub("", word) if len(word) > 6 else word
    cut = _FINAL_VOWELS.sub("", word)
    return cut if len(cut) >= 3 else word


def name_key(text: str) -> str:
    """The key a name is matched by: `Қарағанды облысы` → `karagand`."""
    return " ".join(stem(word) for word in phonetic(strip_level_words(normalise(text))).split())


def _alternative_keys() -> dict[str, tuple[str, ...]]:
    """Each alternative name's key → the names it stands for."""
    table: dict[str, tuple[str, ...]] = {}
    for names in ALTERNATIVE_NAMES:
        for name in names:
            table[name_key(name)] = names
    return table


ALTERNATIVE_KEYS = _alternative_keys()


def name_words(text: str) -> list[str]:
    """A name's words for comparison: case, ё, dashes, Latin look-alikes inside Cyrillic
    words and Kazakh letters folded onto Russian ones; unit words become tags like <city>."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    words = []
    for word in re.findall(r"\w+", re.sub(r"[\u2010-\u2015\-]", " ", text)):
        if re.search(r"[\u0400-\u04ff]", word):
            word = word.translate(LATIN_LOOKALIKES)
        word = UNIT_WORDS.get(word, word.translate(KAZAKH_FOLD))
        if word:
            words.append(word)
    return words


def normalise_name(text: str) -> str:
    """The loose key: the name's own words, without unit words ("Абай облысы" → "абай")."""
    return " ".join(w for w in name_words(text) if not w.startswith("<"))


def strict_key(text: str) -> frozenset[str]:
    """The strict key: the words and unit tags, in any order ("город Алматы" = "Алматы қаласы")."""
    return frozenset(name_words(text))
