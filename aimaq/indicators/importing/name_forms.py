"""The forms territory names take in statistics files, reduced to what can be compared.

- a spelling-forgiving key (`name_key`) for the usual variants of Kazakh place names in
  Latin letters (Jambyl/Zhambyl, Turkistan/Turkestan, Abai/Abay, Kostanay/Qostanai) and in
  Cyrillic with a Latin "i": transliterate, drop the words that say what kind of unit it is
  ("Region", "oblysy", "city", "район"), map zh→j, kh→h, q→k and drop vowels after the first
  letter; the kind word, when given, is returned beside the key;
- the other forms a name is written in, each with what was done to read it
  (`readings`): a footnote mark after it («Алматы 1», «Абай*»), «г.Шымкент» with no space,
  and a bare Russian adjective where only an oblast fits («Карагандинская»);
- the country named in full («Республика Казахстан», "Republic of Kazakhstan").
"""

from __future__ import annotations

import re
import unicodedata

from aimaq.territories.models import Level

_LATIN = (
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh sh _ y _ e yu ya a g k n o u u h i"
)
CYRILLIC = {
    letter: ("" if value == "_" else value)
    for letter, value in zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", _LATIN.split(), strict=True
    )
}

KINDS = {
    "region": {"region", "oblast", "oblysy", "obl", "oblasti", "область", "облысы", "обл"},
    "city": {
        "city",
        "qalasy",
        "kalasy",
        "gorod",
        "g",
        "город",
        "г",
        "қаласы",
        "каласы",
        "қала",
        "кала",
    },  # fmt: skip
    "rayon": {"district", "rayon", "raion", "audany", "район", "ауданы", "р-н"},
    "okrug": {
        "okrug",
        "rural",
        "сельский",
        "округ",
        "ауылдық",
        "округі",
        "so",
        "с.о",
        "township",
        "посёлок",
        "поселок",
        "кенті",
        "п",
        "с",
        "село",
        "ауыл",
        "аул",
    },  # fmt: skip
}
KIND_OF_WORD = {word: kind for kind, words in KINDS.items() for word in words}
LEVELS_OF_KIND = {
    "region": {Level.OBLAST},
    "city": {Level.CITY_REPUBLICAN, Level.CITY_OBLAST, Level.TOWN},
    "rayon": {Level.RAYON, Level.CITY_DISTRICT},
    "okrug": {Level.RURAL_OKRUG, Level.TOWNSHIP, Level.SETTLEMENT},
}
VOWELS = re.compile(r"[aeiouy]")
WORD = re.compile(r"[\w.-]+")
# «г.Шымкент», «с.Абай», «п.Глубокое»: a unit's abbreviation glued to its name.
GLUED_PREFIX = re.compile(r"(?<!\w)(г|с|п|гор|пос)\.(?=\w)", re.IGNORECASE)
# A footnote mark after a name: «Алматы 1», «Абай*», «Шымкент¹», «Астана (2)».
FOOTNOTE = re.compile(r"^(?P<name>.*?\D)\s*(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s\d{1,2}|\(\d{1,2}\)|†|‡)$")
# Russian adjectival endings of oblast names written without «область».
ADJECTIVE = re.compile(r"(инская|ская|ская|ая)$")
COUNTRY_NAMES = {
    "республика казахстан", "казахстан", "рк", "всего по республике", "республика", "итого",
    "всего", "қазақстан республикасы", "қазақстан", "қр", "барлығы", "republic of kazakhstan",
    "kazakhstan", "total", "kazakhstan, total", "республика казахстан, всего",
}  # fmt: skip


def transliterate(text: str) -> str:
    return "".join(CYRILLIC.get(char, char) for char in text)


def _normal(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).lower().replace("ё", "е")
    return GLUED_PREFIX.sub(r"\1. ", text)


def split_kind(name: str) -> tuple[str, str | None]:
    """The name without its kind words, and the kind they name (None when none)."""
    words = WORD.findall(_normal(name))
    kind = None
    kept = []
    for word in words:
        bare = word.strip(".-")
        if bare in KIND_OF_WORD or word in KIND_OF_WORD:
            kind = kind or KIND_OF_WORD.get(bare) or KIND_OF_WORD.get(word)
        else:
            kept.append(bare)
    return " ".join(kept), kind


def key_of(stem: str) -> str:
    latin = transliterate(stem)
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    latin = re.sub(r"[^a-z0-9]", "", latin)
    latin = latin.replace("dzh", "j").replace("zh", "j").replace("kh", "h").replace("q", "k")
    latin = latin.replace("w", "v").replace("x", "ks")
    if not latin:
        return ""
    return latin[0] + VOWELS.sub("", latin[1:])


def name_key(name: str) -> tuple[str, str | None]:
    """(spelling-forgiving key, kind) of a territory name."""
    stem, kind = split_kind(name)
    return key_of(stem), kind


def exact(name: str) -> str:
    """The name as written, compared without case, spacing or Unicode forms."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def is_country(name: str) -> bool:
    return exact(name).strip(" .:") in COUNTRY_NAMES


def without_footnote(name: str) -> str | None:
    """The name without a footnote mark after it, or None when it has none."""
    match = FOOTNOTE.match(name.strip())
    return match["name"].strip() if match else None


def glued_prefix(name: str) -> bool:
    return bool(GLUED_PREFIX.search(unicodedata.normalize("NFKC", name).lower()))


def bare_adjective(name: str) -> str | None:
    """«Карагандинская» (no kind word, a Russian adjective) → its stem «Караганд», which
    keys like the oblast's own name («Қарағанды»); None for anything else."""
    stem, kind = split_kind(name)
    if kind is not None or " " in stem:
        return None
    match = ADJECTIVE.search(stem)
    if not match or len(stem) - len(match[0]) < 3:
        return None
    return stem[: match.start()]
