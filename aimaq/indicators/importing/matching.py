"""Finding the territory a file's row means: by KATO code or by name, as it was in the row's
period.

A name is read as written first, then in its other forms (`name_forms.readings`: footnote
mark dropped, «г.Шымкент» spaced, a bare adjective as an oblast), then by a spelling-
forgiving key; every unit ever registered is a candidate, under its current name and its
former ones («Нур-Султан», «Южно-Казахстанская область»). Of the candidates, the unit valid
in the row's period is taken. A unit that did not exist then is refused, naming when it
began or ended, unless it continues one that did (South Kazakhstan oblast for "Turkestan
oblast" before 2018): then that one is taken, and the match is marked to be confirmed.

Every result says how it was found (`Match.how`, `Match.note`), and whether the person
should look at it (`asked`): a match that was not exact, or a name several levels share
(«Алматы», the city, and Almaty oblast). The import preview lists them; the person confirms
or picks another unit, which comes back as `picks` (name → KATO code).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from aimaq.core.i18n import active_language, localized
from aimaq.core.tabular import Limits
from aimaq.territories.kato import COUNTRY_CODE, KATO_PATTERN
from aimaq.territories.models import Level, Succession, SuccessionKind, Territory, TerritoryName
from aimaq.territories.validity import overlaps, span_of, start_of

from .name_forms import (
    LEVELS_OF_KIND,
    bare_adjective,
    exact,
    glued_prefix,
    is_country,
    key_of,
    name_key,
    split_kind,
    transliterate,
    without_footnote,
)

__all__ = ["Match", "TerritoryIndex", "name_key", "split_kind", "transliterate"]

# A bare name several levels share is read as the unit usually written bare: a city before
# the oblast named after it («Алматы»), an oblast before the villages of the same name.
LEVEL_PREFERENCE = [
    Level.COUNTRY, Level.CITY_REPUBLICAN, Level.OBLAST, Level.CITY_OBLAST, Level.RAYON,
    Level.TOWN, Level.CITY_DISTRICT, Level.RURAL_OKRUG, Level.TOWNSHIP, Level.SETTLEMENT,
]  # fmt: skip
EXACT, CODE, PICKED = "exact", "code", "picked"


@dataclass(frozen=True)
class Unit:
    pk: int
    kato: str
    level: str
    valid_from: date | None
    valid_to: date | None
    label: str  # name (KATO) in the reader's language


@dataclass(frozen=True)
class Match:
    """What a cell was read as: `territory_id`, or None with `expected` (the refusal)."""

    territory_id: int | None
    how: str = EXACT  # code, exact, former, spelling, footnote, prefix, adjective, country,
    # predecessor, picked
    note: str = ""
    expected: str = ""
    also: tuple[int, ...] = ()  # other units the name fits, of other levels
    asked: bool = False


_Named = tuple[int, date | None, date | None]  # (unit, name valid from, to)


@dataclass
class _Found:
    """The units a name may mean, before the period chooses: (unit, name valid from, to)."""

    units: list[_Named] = field(default_factory=list)
    how: str = EXACT
    note: str = ""
    kind: str | None = None


class TerritoryIndex:
    """Every unit (current and ended) by KATO code and by name, read once per import."""

    def __init__(self) -> None:
        self.units: dict[int, Unit] = {}
        self.by_code: dict[str, list[int]] = defaultdict(list)
        self.by_exact: dict[str, list[tuple[int, date | None, date | None]]] = defaultdict(list)
        self.by_key: dict[str, list[tuple[int, date | None, date | None, str | None]]] = (
            defaultdict(list)
        )
        self.former: set[tuple[int, str]] = set()  # (unit, exact name) of former names
        self.continues: dict[int, list[int]] = defaultdict(list)  # successor → predecessors
        self.split_from: dict[int, list[int]] = defaultdict(list)
        self.went_to: dict[int, list[int]] = defaultdict(list)  # predecessor → successors
        self.names: list[tuple[str, int]] = []  # for the closest-name search (current units)
        self._found: dict[tuple[str, str], _Found | None] = {}

    @classmethod
    def load(cls) -> TerritoryIndex:
        index = cls()
        language = active_language()
        rows = Territory.objects.order_by("kato", "valid_from").only(
            "id", "kato", "level", "valid_from", "valid_to", "name_kk", "name_ru", "name_en"
        )
        for unit in rows:
            label = f"{localized(unit, 'name', language)} ({unit.kato})"
            began = start_of(unit.valid_from)
            index.units[unit.pk] = Unit(unit.pk, unit.kato, unit.level, began, unit.valid_to, label)
            index.by_code[unit.kato].append(unit.pk)
            for name in (unit.name_kk, unit.name_ru, unit.name_en):
                if name:
                    index._add_name(unit.pk, name, began, unit.valid_to)
                    if unit.valid_to is None:
                        index.names.append((split_kind(name)[0], unit.pk))
        for former in TerritoryName.objects.all():
            for name in (former.name_kk, former.name_ru, former.name_en):
                if name and former.territory_id in index.units:
                    index._add_name(former.territory_id, name, former.valid_from, former.valid_to)
                    index.former.add((former.territory_id, exact(name)))
        for link in Succession.objects.values_list("predecessor_id", "successor_id", "kind"):
            predecessor, successor, kind = link
            target = index.continues if kind == SuccessionKind.CONTINUED else index.split_from
            target[successor].append(predecessor)
            index.went_to[predecessor].append(successor)
        return index

    def _add_name(self, pk: int, name: str, first: date | None, last: date | None) -> None:
        self.by_exact[exact(name)].append((pk, first, last))
        key, kind = name_key(name)
        if key:
            self.by_key[key].append((pk, first, last, kind))

    # --- finding -------------------------------------------------------------------------

    def find(
        self,
        token: str,
        period: str = "",
        match: str = "auto",
        *,
        picks: dict[str, str] | None = None,
        suggest: bool = True,
    ) -> Match:
        """The unit `token` means in `period` (its validity checked when the period reads as
        one), by KATO code or by name; `picks` (name → KATO code) are the person's choices."""
        token = (token or "").strip()
        span = span_of(period)
        picked = (picks or {}).get(token)
        if picked is not None:
            units: list[_Named] = [(pk, None, None) for pk in self.by_code.get(picked, [])]
            found = _Found(units, PICKED, _("chosen by you")) if units else None
            return self._resolve(token, found, span, period, suggest)
        looks_like_code = bool(re.fullmatch(r"\d{1,9}(\.0+)?", token))
        if match == "code" or (match == "auto" and looks_like_code):
            code = token.split(".")[0].zfill(9) if looks_like_code else token
            if not KATO_PATTERN.fullmatch(code) or code not in self.by_code:
                return Match(None, CODE, expected=_("a KATO code of a known territory (9 digits)"))
            by_code: list[_Named] = [(pk, None, None) for pk in self.by_code[code]]
            return self._resolve(token, _Found(by_code, CODE), span, period, suggest)
        cache_key = (token, "name")
        if cache_key not in self._found:
            self._found[cache_key] = self._by_name(token)
        return self._resolve(token, self._found[cache_key], span, period, suggest)

    def _by_name(self, token: str) -> _Found | None:
        if is_country(token) and COUNTRY_CODE in self.by_code:
            whole: list[_Named] = [(pk, None, None) for pk in self.by_code[COUNTRY_CODE]]
            return _Found(whole, "country", _("read as the whole country"))
        readings = [(token, EXACT, "")]
        if (bare := without_footnote(token)) is not None:
            readings.append((bare, "footnote", _("the footnote mark after the name was left out")))
        for text, how, note in readings:
            if hits := self.by_exact.get(exact(text)):
                former = any((pk, exact(text)) in self.former for pk, _f, _t in hits)
                if former and how == EXACT:
                    how, note = "former", _("a former name")
                return _Found(list(hits), how, note, split_kind(text)[1])
        for text, how, note in readings:
            key, kind = name_key(text)
            hits = [
                (pk, first, last)
                for pk, first, last, _kind in self.by_key.get(key, [])
                if kind is None or self.units[pk].level in LEVELS_OF_KIND[kind]
            ]
            if hits:
                if how == EXACT:
                    how, note = _spelling(text)
                return _Found(hits, how, note, kind)
        stem = bare_adjective(token)
        if stem:
            hits = [
                (pk, first, last)
                for pk, first, last, _kind in self.by_key.get(key_of(stem), [])
                if self.units[pk].level == Level.OBLAST
            ]
            if hits:
                note = _("read as an oblast: the adjective without «область»")
                return _Found(hits, "adjective", note, "region")
        return None

    def _resolve(
        self,
        token: str,
        found: _Found | None,
        span: tuple[date, date] | None,
        period: str,
        suggest: bool,
    ) -> Match:
        if found is None or not found.units:
            if not suggest:
                return Match(None, expected=_("a known territory name or KATO code"))
            return Match(
                None,
                expected=_("a known territory name or KATO code; closest: %(labels)s")
                % {"labels": self.closest(token)},
            )
        pks = list(dict.fromkeys(pk for pk, _f, _t in found.units))
        valid = [pk for pk in pks if span is None or overlaps(*self._validity(pk), *span)]
        if not valid:
            return self._outside_validity(pks, span, period, found)
        if len(valid) > 1 and span is not None:  # a name in use in the period settles it
            in_use = {pk for pk, first, last in found.units if overlaps(first, last, *span)}
            valid = [pk for pk in valid if pk in in_use] or valid
        levels = {self.units[pk].level for pk in valid}
        chosen = valid
        if len(valid) > 1 and found.kind is None:
            best = min(levels, key=lambda level: LEVEL_PREFERENCE.index(Level(level)))
            chosen = [pk for pk in valid if self.units[pk].level == best]
        if len(chosen) > 1:
            labels = ", ".join(sorted(self.units[pk].label for pk in chosen)[:5])
            return Match(
                None,
                found.how,
                expected=_("one territory, but the name fits several: %(labels)s; pick one")
                % {"labels": labels},
                also=tuple(chosen),
                asked=True,
            )
        pk = chosen[0]
        also = tuple(other for other in valid if other != pk and found.how != PICKED)
        note = found.note
        if (
            found.how == "former"
            and span is not None
            and not any(
                overlaps(first, last, *span) for unit, first, last in found.units if unit == pk
            )
        ):
            note = _("a former name, not in use in %(period)s") % {"period": period}
        asked = found.how not in (EXACT, CODE, PICKED, "former") or bool(also)
        return Match(pk, found.how, note, also=also, asked=asked)

    def _outside_validity(
        self, pks: list[int], span: tuple[date, date] | None, period: str, found: _Found
    ) -> Match:
        """No candidate existed in the period: the unit it continues, if one existed then,
        else a refusal saying when the unit began or ended and where its area was."""
        assert span is not None
        for pk in pks:
            for before in self.continues.get(pk, []):
                if overlaps(*self._validity(before), *span):
                    unit, earlier = self.units[pk], self.units[before]
                    note = _(
                        "%(unit)s exists since %(day)s; in %(period)s its area was %(earlier)s"
                    ) % {
                        "unit": unit.label,
                        "day": _day(unit.valid_from),
                        "period": period,
                        "earlier": earlier.label,
                    }
                    return Match(before, "predecessor", note, asked=True)
        first = self.units[pks[0]]
        values = {"unit": first.label, "period": period}
        if first.valid_from and first.valid_from > span[1]:
            values["day"] = _day(first.valid_from)
            parts = self.split_from.get(first.pk, []) + self.continues.get(first.pk, [])
            if parts:
                values["units"] = ", ".join(self.units[p].label for p in parts)
                text = _(
                    "a territory that existed in %(period)s: %(unit)s exists since %(day)s; "
                    "before, its area was part of %(units)s"
                )
            else:
                text = _("a territory that existed in %(period)s: %(unit)s exists since %(day)s")
        else:
            values["day"] = _day(first.valid_to)
            later = self.went_to.get(first.pk, [])
            if later:
                values["units"] = ", ".join(self.units[p].label for p in later)
                text = _(
                    "a territory that existed in %(period)s: %(unit)s ended on %(day)s; "
                    "its area went to %(units)s"
                )
            else:
                text = _("a territory that existed in %(period)s: %(unit)s ended on %(day)s")
        return Match(None, found.how, expected=text % values)

    def _validity(self, pk: int) -> tuple[date | None, date | None]:
        unit = self.units[pk]
        return unit.valid_from, unit.valid_to

    def label(self, pk: int) -> str:
        return self.units[pk].label

    def closest(self, token: str, limit: int = 3) -> str:
        # The search costs in the length of what is searched: a name is far shorter than this.
        stem = split_kind(token[: Limits.from_settings().fuzzy_chars])[0]
        found = process.extract(
            stem, [name for name, _pk in self.names], scorer=fuzz.WRatio, limit=limit * 3
        )
        labels: list[str] = []
        for _name, _score, position in found:
            label = self.units[self.names[position][1]].label
            if label not in labels:
                labels.append(label)
        return "; ".join(labels[:limit]) or "—"


def _spelling(text: str) -> tuple[str, str]:
    if glued_prefix(text):
        return "prefix", _("read with a space after the abbreviation («г. Шымкент»)")
    return "spelling", _("matched by a spelling variant of the name")


def _day(day: date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "—"
