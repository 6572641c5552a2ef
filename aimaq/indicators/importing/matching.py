"""Finding territories by KATO code or by name in any language and spelling.

Names are compared by a key that forgives the usual variants of Kazakh place names in
Latin letters (Jambyl/Zhambyl, Turkistan/Turkestan, Abai/Abay, Kostanay/Qostanai) and in
Cyrillic with a Latin "i": transliterate, drop the word that says what kind of unit it is
("Region", "oblysy", "city", "район"), map zh→j, kh→h, q→k and drop vowels after the first
letter. The kind word, when given, must agree with the unit's level, so "Almaty city" and
"Almaty Region" stay apart. A key must point to exactly one unit; anything else is
reported with the closest names (rapidfuzz) and never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from aimaq.core.tabular import Limits
from aimaq.territories.kato import KATO_PATTERN
from aimaq.territories.models import Level, Territory

CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "sh",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
            "a",
            "g",
            "k",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
        strict=True,
    )
)
CYRILLIC = {key: ("" if value == "_" else value) for key, value in CYRILLIC.items()}

KINDS = {
    "region": {"region", "oblast", "oblysy", "obl", "oblasti", "область", "облысы", "обл"},
    "city": {"city", "qalasy", "kalasy", "gorod", "g", "город", "г", "қаласы", "каласы"},
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
    },
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


def transliterate(text: str) -> str:
    return "".join(CYRILLIC.get(char, char) for char in text)


def split_kind(name: str) -> tuple[str, str | None]:
    """The name without its kind words, and the kind they name (None when none)."""
    text = unicodedata.normalize("NFKC", name).lower().replace("ё", "е")
    words = WORD.findall(text)
    kind = None
    kept = []
    for word in words:
        bare = word.strip(".-")
        if bare in KIND_OF_WORD or word in KIND_OF_WORD:
            kind = kind or KIND_OF_WORD.get(bare) or KIND_OF_WORD.get(word)
        else:
            kept.append(bare)
    return " ".join(kept), kind


def name_key(name: str) -> tuple[str, str | None]:
    """(spelling-forgiving key, kind) of a territory name."""
    stem, kind = split_kind(name)
    latin = transliterate(stem)
    latin = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    latin = re.sub(r"[^a-z0-9]", "", latin)
    latin = latin.replace("dzh", "j").replace("zh", "j").replace("kh", "h").replace("q", "k")
    latin = latin.replace("w", "v").replace("x", "ks")
    if not latin:
        return "", kind
    return latin[0] + VOWELS.sub("", latin[1:]), kind


@dataclass
class TerritoryIndex:
    """Current territories by KATO code and by name key, read once per import."""

    by_code: dict[str, int]
    by_name: dict[str, set[int]]
    by_key: dict[str, set[int]]
    level: dict[int, str]
    labels: dict[int, str]
    names: list[tuple[str, int]]

    @classmethod
    def load(cls) -> TerritoryIndex:
        by_code: dict[str, int] = {}
        by_key: dict[str, set[int]] = defaultdict(set)
        by_name: dict[str, set[int]] = defaultdict(set)
        level, labels, names = {}, {}, []
        rows = Territory.objects.order_by("kato", "-valid_from").values_list(
            "id", "kato", "level", "name_kk", "name_ru", "name_en", "valid_to"
        )
        for pk, kato, unit_level, *unit_names, valid_to in rows:
            if valid_to is None or kato not in by_code:
                by_code[kato] = pk
            if valid_to is not None:
                continue
            level[pk] = unit_level
            labels[pk] = f"{unit_names[2] or unit_names[1] or unit_names[0]} ({kato})"
            for name in unit_names:
                if name:
                    by_key[name_key(name)[0]].add(pk)
                    by_name[_exact(name)].add(pk)
                    names.append((split_kind(name)[0], pk))
        return cls(by_code, dict(by_name), dict(by_key), level, labels, names)

    def find(
        self, token: str, match: str = "auto", *, suggest: bool = True
    ) -> tuple[int | None, str]:
        """(territory id, "") or (None, what was expected, with the closest names unless
        `suggest` is False: the search for them is the costly part)."""
        token = (token or "").strip()
        looks_like_code = bool(re.fullmatch(r"\d{1,9}(\.0+)?", token))
        if match == "code" or (match == "auto" and looks_like_code):
            code = token.split(".")[0].zfill(9) if looks_like_code else token
            if KATO_PATTERN.match(code) and code in self.by_code:
                return self.by_code[code], ""
            return None, _("a KATO code of a known territory (9 digits)")
        # A name written exactly as registered ("Almaty", the city) wins over spelling keys
        # that would also fit another unit ("Almaty Region").
        exact = self.by_name.get(_exact(token), set())
        if len(exact) == 1:
            return next(iter(exact)), ""
        key, kind = name_key(token)
        found = {pk for pk in self.by_key.get(key, ()) if pk in self.level}
        if kind is not None:
            found = {pk for pk in found if self.level[pk] in LEVELS_OF_KIND[kind]}
        if len(found) == 1:
            return found.pop(), ""
        if len(found) > 1:
            labels = ", ".join(sorted(self.labels[pk] for pk in found)[:5])
            return None, _(
                "one territory, but the name fits several: %(labels)s; use the KATO code"
            ) % {"labels": labels}
        if not suggest:
            return None, _("a known territory name or KATO code")
        return None, _("a known territory name or KATO code; closest: %(labels)s") % {
            "labels": self.closest(token)
        }

    def closest(self, token: str, limit: int = 3) -> str:
        # The search costs in the length of what is searched: a name is far shorter than this.
        stem = split_kind(token[: Limits.from_settings().fuzzy_chars])[0]
        found = process.extract(
            stem, [name for name, _pk in self.names], scorer=fuzz.WRatio, limit=limit * 3
        )
        labels: list[str] = []
        for _name, _score, position in found:
            label = self.labels[self.names[position][1]]
            if label not in labels:
                labels.append(label)
        return "; ".join(labels[:limit]) or "—"


def _exact(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
