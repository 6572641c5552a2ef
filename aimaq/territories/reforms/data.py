"""The reforms shipped with Aimaq (reforms.json), read and checked."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..kato import is_valid_kato
from ..models import Level, SuccessionKind

DATA = Path(__file__).with_name("reforms.json")
LANGUAGES = ("kk", "ru", "en")


@dataclass(frozen=True)
class EndedUnit:
    kato: str
    level: str
    names: dict[str, str]
    parent: str = "000000000"


@dataclass(frozen=True)
class FormerName:
    kato: str
    names: dict[str, str]
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class SuccessionData:
    predecessor: str
    successor: str
    kind: str


@dataclass(frozen=True)
class ReformData:
    slug: str
    date: date
    act: str
    title: dict[str, str]
    ended: list[EndedUnit] = field(default_factory=list)
    began: list[str] = field(default_factory=list)  # units begun, with their subtrees
    names: list[FormerName] = field(default_factory=list)
    successions: list[SuccessionData] = field(default_factory=list)


def load_reforms(path: Path = DATA) -> list[ReformData]:
    """The reforms in date order. Raises ValueError naming the entry at fault."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    reforms = [_reform(entry) for entry in raw["reforms"]]
    return sorted(reforms, key=lambda reform: (reform.date, reform.slug))


def _reform(entry: dict) -> ReformData:
    slug = entry["slug"]

    def code(value: str) -> str:
        if not is_valid_kato(value):
            raise ValueError(f"reform {slug}: {value!r} is not a KATO code")
        return value

    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    def names(value: dict) -> dict[str, str]:
        if not any(value.get(language) for language in LANGUAGES):
            raise ValueError(f"reform {slug}: a name in kk, ru or en is needed")
        return {language: value.get(language, "") for language in LANGUAGES}

    successions = []
    for link in entry.get("successions", []):
        if link["kind"] not in SuccessionKind.values:
            raise ValueError(f"reform {slug}: unknown kind {link['kind']!r}")
        successions.append(SuccessionData(code(link["from"]), code(link["to"]), link["kind"]))
    ended = []
    for unit in entry.get("ended", []):
        if unit["level"] not in Level.values:
            raise ValueError(f"reform {slug}: unknown level {unit['level']!r}")
        ended.append(
            EndedUnit(
                code(unit["kato"]),
                unit["level"],
                names(unit["names"]),
                code(unit.get("parent", "000000000")),
            )  # fmt: skip
        )
    return ReformData(
        slug=slug,
        date=date.fromisoformat(entry["date"]),
        act=entry.get("act", ""),
        title=names(entry["title"]),
        ended=ended,
        began=[code(value) for value in entry.get("began", [])],
        names=[
            FormerName(
                code(item["kato"]),
                names(item["names"]),
                day(item.get("valid_from")),
                day(item.get("valid_to")),
            )  # fmt: skip
            for item in entry.get("names", [])
        ],
        successions=successions,
    )
