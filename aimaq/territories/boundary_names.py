"""Filling the empty Kazakh and English names of territories from a boundary file.

The KATO list gives Russian names only, while boundary files such as geokz's 2024 adm1/adm2
carry ADMn_KK and ADMn_EN too. `import_boundaries(..., fill_names=…)` stores those names
where a matched territory has none; a name already stored is never replaced.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Territory

LANGUAGES = ("kk", "en")
_FIELD = re.compile(r"^(?:ADM(?P<level>\d)|NAME)_(?P<language>KK|EN)$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
# Latin letters that stand in for Cyrillic ones inside Cyrillic words (the 2024 adm1 file
# writes «Солтүстik» with the Latin i U+0069 where Kazakh has і U+0456).
_LATIN_IN_CYRILLIC = str.maketrans("aceikopxyhABCEHIKMOPTX", "асеікорхуһАВСЕНІКМОРТХ")


def parse_fill_names(spec: str) -> dict[str, str]:
    """`"kk=ADM1_KK,en=ADM1_EN"` → {"kk": "ADM1_KK", "en": "ADM1_EN"}; `""` → {} (detect).
    Raises ValueError naming what is wrong."""
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        language, sep, field_name = (s.strip() for s in part.partition("="))
        if not sep or language not in LANGUAGES or not field_name or language in mapping:
            raise ValueError(
                _(
                    "Expected --fill-names kk=FIELD,en=FIELD (languages: %(languages)s); "
                    "got “%(part)s”."
                )
                % {"languages": ", ".join(LANGUAGES), "part": part}
            )
        mapping[language] = field_name
    return mapping


def fill_fields(mapping: dict[str, str], fields: list[str]) -> dict[str, str]:
    """The field to read each language's name from: `mapping` when given, else the file's
    ADMn_KK / ADMn_EN of the most detailed level n (or NAME_KK / NAME_EN).
    Raises ValueError when nothing is given and nothing found."""
    if mapping:
        return dict(mapping)
    found: dict[str, tuple[int, str]] = {}
    for name in fields:
        match = _FIELD.match(name)
        if match:
            language, level = match["language"].lower(), int(match["level"] or 0)
            if language not in found or level > found[language][0]:
                found[language] = (level, name)
    if not found:
        raise ValueError(
            _(
                "The file has no Kazakh or English name field (ADMn_KK, ADMn_EN, NAME_KK, "
                "NAME_EN); name them with --fill-names kk=FIELD,en=FIELD. Its fields are: "
                "%(fields)s."
            )
            % {"fields": ", ".join(fields)}
        )
    return {language: name for language, (_level, name) in sorted(found.items())}


def names_to_fill(mapping: dict[str, str] | None, columns: dict, count: int) -> list[dict]:
    """For each of the `count` features, language → cleaned name to fill (empty dicts when
    `mapping` is None: not asked). Raises ValueError for missing or undetectable fields."""
    if mapping is None:
        return [{} for _index in range(count)]
    fields = fill_fields(mapping, list(columns))
    for name in fields.values():
        if name not in columns:
            raise ValueError(
                _("The file has no field “%(field)s”; its fields are: %(fields)s.")
                % {"field": name, "fields": ", ".join(columns)}
            )
    return [
        {language: clean_name(columns[name][index], language) for language, name in fields.items()}
        for index in range(count)
    ]


def clean_name(text: object, language: str) -> str:
    """A name as it is to be stored: NFC, single spaces and, in Kazakh, Latin look-alike
    letters inside Cyrillic words replaced by the Cyrillic ones ("Солтүстiк" → "Солтүстік")."""
    if text is None:
        return ""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()
    if language == "kk":
        name = _WORD.sub(_cyrillic_word, name)
    return name


def _cyrillic_word(match: re.Match) -> str:
    word = match[0]
    return word.translate(_LATIN_IN_CYRILLIC) if _CYRILLIC.search(word) else word


def fill_empty_names(territory, names: dict[str, str]) -> list[str]:
    """Set the territory's empty names from `names` (language → cleaned name); returns the
    languages filled. A name already there, however short, is kept."""
    filled = []
    for language, name in names.items():
        attribute = f"name_{language}"
        if name and not getattr(territory, attribute).strip():
            setattr(territory, attribute, name[: territory._meta.get_field(attribute).max_length])
            filled.append(language)
    return filled


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("ё", "е").split())


def name_collisions(to_fill: list[tuple[Territory, dict[str, str]]]) -> dict[tuple[int, str], str]:
    """{(territory id, language): why not}: the names to fill (`to_fill`: [(territory,
    {language: name})]) that another current unit of another level already bears, or is
    given in the same file — «Almaty» for Almaty Region when Almaty the city has it. Such a
    name is not stored: a bare name must keep finding one unit. The message names both
    units with their code and level. One query per language."""
    from .models import Territory

    problems: dict[tuple[int, str], str] = {}
    languages = sorted({language for _t, names in to_fill for language, n in names.items() if n})
    for language in languages:
        wanted = {_key(names[language]) for _t, names in to_fill if names.get(language)}
        bearers: dict[str, list[tuple[int, str, str, str]]] = {}
        stored = Territory.objects.current().values_list("pk", "kato", "level", f"name_{language}")
        for pk, kato, level, name in stored:
            if name and _key(name) in wanted:
                bearers.setdefault(_key(name), []).append((pk, kato, level, name))
        for territory, names in to_fill:  # names the same file gives to other units
            name = names.get(language)
            if name and not getattr(territory, f"name_{language}").strip():
                entry = (territory.pk, territory.kato, territory.level, name)
                bearers.setdefault(_key(name), []).append(entry)
        for territory, names in to_fill:
            name = names.get(language)
            if not name or getattr(territory, f"name_{language}").strip():
                continue
            others = [
                b
                for b in bearers.get(_key(name), [])
                if b[0] != territory.pk and b[2] != territory.level
            ]
            if others:
                _pk, kato, level, other = others[0]
                problems[(territory.pk, language)] = _(
                    "the name “%(name)s” (%(language)s) was not filled for %(unit)s "
                    "(%(code)s, %(level)s): it is the name of %(other)s (%(other_code)s, "
                    "%(other_level)s) too, and a bare name must find one unit; set a "
                    "distinct name in the territory's edit form"
                ) % {
                    "name": name,
                    "language": language,
                    "unit": territory.name,
                    "code": territory.kato,
                    "level": territory.get_level_display(),
                    "other": other,
                    "other_code": kato,
                    "other_level": Territory(level=level).get_level_display(),
                }
    return problems
