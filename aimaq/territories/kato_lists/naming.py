"""Levels and names from the statistics office's Russian names ("Жараспайский с.о.",
"Семей Г.А.", "с.Абралы"), and the level a KATO code's digits suggest when a name says none.
"""

from __future__ import annotations

import re

from ..kato import kato_depth
from ..models import Level

_ADMIN_MARKS = {
    "Г.А.": (Level.CITY_OBLAST, "городская администрация"),
    "г.а.": (Level.TOWN, "городская администрация"),
    "р.а.": (Level.CITY_DISTRICT, "районная администрация"),
    "п.а.": (Level.TOWNSHIP, "поселковая администрация"),
    "с.а.": (Level.RURAL_OKRUG, "сельская администрация"),
    "с.о.": (Level.RURAL_OKRUG, "сельский округ"),
}
_ADMIN_SUFFIX = re.compile(
    r"^(?P<stem>.+?)\s*(?P<mark>Г\.А\.|г\.а\.|р\.а\.|п\.а\.|с\.а\.|с\.о\.?)$"
)
_ADMIN_PREFIX = re.compile(r"^(?P<mark>г\.а\.|р\.а\.|п\.а\.|с\.а\.|с\.о\.)\s*(?P<stem>.+)$")
_OBLAST = re.compile(r"(^область\s)|(\sобласть$)")
_RAYON = re.compile(r"(^район\s)|(\sрайон$)", re.IGNORECASE)
_TOWN = re.compile(r"^г\.\s*(?P<stem>[^\s.].*)$")
_SETTLEMENT_PREFIX = re.compile(
    r"^(?P<mark>с\.|п\.|уч\.|ст\.|рзд\.|отг\.|отд\.|ост\.|жив\.|маш\.|кр\.\s?хоз\.?|"
    r"крес\.\s?пос\.|зимовка|заимка|станция|разъезд)\s*(?P<stem>.*)$",
    re.IGNORECASE,
)
_SETTLEMENT_SUFFIX = re.compile(r"\s(с\.|ст\.)$")
_ADJECTIVE_ENDINGS = ("ий", "ый", "ой", "ая", "яя", "ое", "ее")
_CITY_LEVELS = {Level.CITY_REPUBLICAN, Level.CITY_OBLAST, Level.CITY_DISTRICT, Level.TOWN}


def read_russian_name(name: str, parent_level: str) -> tuple[str | None, str]:
    """The level a KATO Russian name states (None when it states none) and the name made
    readable: "Жараспайский с.о." → "Жараспайский сельский округ", "Семей Г.А." →
    "Семей (городская администрация)", "с.Абралы" → "с. Абралы"."""
    name = " ".join(name.split())
    match = _ADMIN_SUFFIX.match(name) or _ADMIN_PREFIX.match(name)
    if match:
        mark = match["mark"] if match["mark"] != "с.о" else "с.о."
        level, phrase = _ADMIN_MARKS[mark]
        suffix_form = match.re is _ADMIN_SUFFIX
        return level, _admin_name(match["stem"].strip(), phrase, mark == "с.о.", suffix_form)
    if _OBLAST.search(name):
        return Level.OBLAST, name
    if _RAYON.search(name):
        return (Level.CITY_DISTRICT if parent_level in _CITY_LEVELS else Level.RAYON), name
    if match := _TOWN.match(name):
        level = Level.CITY_REPUBLICAN if parent_level == Level.COUNTRY else Level.TOWN
        return level, f"г. {match['stem']}"
    if match := _SETTLEMENT_PREFIX.match(name):
        mark, stem = match["mark"], match["stem"]
        return Level.SETTLEMENT, f"{mark} {stem}" if mark.endswith(".") and stem else name
    if _SETTLEMENT_SUFFIX.search(name):
        return Level.SETTLEMENT, name
    return None, name


def _admin_name(stem: str, phrase: str, okrug: bool, suffix_form: bool) -> str:
    # "Жараспайский с.о." reads as an adjective before the noun; "с.о.Атамекен" and
    # "Семей Г.А." are proper names, written after "сельский округ" or before "(…)".
    if suffix_form and stem.split()[-1].endswith(_ADJECTIVE_ENDINGS):
        return f"{stem} {phrase}"
    return f"{phrase} {stem}" if okrug else f"{stem} ({phrase})"


def level_from_structure(code: str) -> str:
    """The level KATO's digits suggest when the name says nothing."""
    depth = kato_depth(code)
    if depth == 0:
        return Level.COUNTRY
    if depth == 1:
        return Level.CITY_REPUBLICAN if code[:2] in ("71", "75", "79") else Level.OBLAST
    if depth == 2:
        return Level.CITY_OBLAST if int(code[2:4]) < 30 else Level.RAYON
    if depth == 3:
        return Level.TOWN if code[4:6] in ("10", "20") else Level.RURAL_OKRUG
    return Level.SETTLEMENT
