"""Filling the empty Kazakh and English names of territories from a boundary file.

The KATO list gives Russian names only, while boundary files such as geokz's 2024 adm1/adm2
carry ADMn_KK and ADMn_EN too. `import_boundaries(..., fill_names=…)` stores those names
where a matched territory has none; a name already stored is never replaced.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

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
