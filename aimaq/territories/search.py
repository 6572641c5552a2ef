"""Finding a territory by what people type: a KATO code, or a name in any spelling.

Names are written in Kazakh, Russian and English, and English ones come in several
transliterations (Karagandy, Karaganda, Qaraghandy). Every name is reduced to a *key*:
level words stripped, Kazakh letters folded to their Russian neighbours, Cyrillic
transliterated to Latin, and the spellings that transliterations disagree on collapsed
(q→k, gh→g, zh→j, y→i …). The query gets the same treatment, then rapidfuzz scores it
against every current territory's keys. The keys are built once and kept in memory, keyed by
a cheap fingerprint of the table (row count, highest id), so a search over 16,000 units costs
a few milliseconds.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from rapidfuzz import fuzz, process

from .models import Level, Territory
from .names import ADMINISTRATIVE_CENTRES, ALTERNATIVE_KEYS, name_key

FIRST_LEVELS = frozenset({Level.OBLAST, Level.CITY_REPUBLICAN})

# Places (not areas) take the alternative names of the place they are: Akmola oblast is not
# Astana, and Tselinograd rayon is not Tselinograd, but the city and its administration are.
PLACE_LEVELS = frozenset(
    {
        Level.CITY_REPUBLICAN,
        Level.CITY_OBLAST,
        Level.TOWN,
        Level.TOWNSHIP,
        Level.SETTLEMENT,
    }
)

LEVEL_RANK = {level: rank for rank, level in enumerate(Level.values)}

# A name match scores up to 100; an alternative name or a centre a little less, so a unit
# called what was typed comes before a unit only known by it.
ALIAS_PENALTY = 4
EXACT_BONUS = 8
PREFIX_BONUS = 4
MIN_SCORE = 70

_DIGITS_ONLY = re.compile(r"^\d{1,9}$")


@dataclass(frozen=True)
class Entry:
    """One key of one territory in the index."""

    territory_id: int
    key: str
    hint_kind: str  # "" for its own name, "alias" or "centre"
    hint: str


@dataclass(frozen=True)
class IndexedTerritory:
    id: int
    kato: str
    level: str
    name_kk: str
    name_ru: str
    name_en: str
    population: int | None


@dataclass(frozen=True)
class SearchHit:
    territory_id: int
    kato: str
    score: float
    hint_kind: str
    hint: str


class SearchIndex:
    def __init__(self, territories: list[IndexedTerritory]) -> None:
        self.territories = {t.id: t for t in territories}
        self.by_kato = sorted(territories, key=lambda t: t.kato)
        self.entries: list[Entry] = []
        for territory in territories:
            self.entries.extend(_entries_for(territory))
        self.keys = [entry.key for entry in self.entries]

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        query = query.strip()
        if not query:
            return []
        compact = query.replace(" ", "")
        if _DIGITS_ONLY.match(compact):
            return self._by_code(compact, limit)
        key = name_key(query)
        if not key:
            return []
        return self._by_name(key, limit)

    def _by_code(self, digits: str, limit: int) -> list[SearchHit]:
        hits = [
            SearchHit(t.id, t.kato, 100.0, "", "")
            for t in self.by_kato
            if t.kato.startswith(digits)
        ]
        # A full code first, then the shallowest units under the prefix.
        hits.sort(
            key=lambda hit: (hit.kato != digits.ljust(9, "0"), hit.kato.rstrip("0").__len__())
        )
        return hits[:limit]

    def _by_name(self, key: str, limit: int) -> list[SearchHit]:
        matches = process.extract(
            key, self.keys, scorer=fuzz.WRatio, processor=None, score_cutoff=MIN_SCORE, limit=None
        )
        best: dict[int, SearchHit] = {}
        for _key, score, position in matches:
            entry = self.entries[position]
            if len(entry.key) * 3 < len(key) * 2:
                # A short name inside a long query ("Ai" in "Shemonaikha") is no match.
                continue
            if entry.key == key:
                score += EXACT_BONUS
            elif entry.key.startswith(key):
                score += PREFIX_BONUS
            if entry.hint_kind:
                score -= ALIAS_PENALTY
            known = best.get(entry.territory_id)
            if known is None or score > known.score:
                territory = self.territories[entry.territory_id]
                best[entry.territory_id] = SearchHit(
                    entry.territory_id, territory.kato, score, entry.hint_kind, entry.hint
                )
        ranked = sorted(best.values(), key=self._rank)
        return ranked[:limit]

    def _rank(self, hit: SearchHit) -> tuple:
        territory = self.territories[hit.territory_id]
        return (
            -round(hit.score, 1),
            LEVEL_RANK.get(territory.level, 99),
            -(territory.population or 0),
            territory.kato,
        )


def _entries_for(territory: IndexedTerritory) -> list[Entry]:
    entries: dict[str, Entry] = {}
    own_names = [territory.name_kk, territory.name_ru, territory.name_en]
    for name in filter(None, own_names):
        key = name_key(name)
        if key:
            entries.setdefault(key, Entry(territory.id, key, "", ""))
    for key in list(entries) if territory.level in PLACE_LEVELS else ():
        for alternative in ALTERNATIVE_KEYS.get(key, ()):
            alt_key = name_key(alternative)
            entries.setdefault(alt_key, Entry(territory.id, alt_key, "alias", alternative))
    if territory.level in FIRST_LEVELS and territory.kato[2:] == "0000000":
        centre_names = ADMINISTRATIVE_CENTRES.get(territory.kato[:2], ())
        shown = centre_names[0] if centre_names else ""
        expanded: list[str] = []
        for centre in centre_names:
            expanded.extend(ALTERNATIVE_KEYS.get(name_key(centre), (centre,)))
            expanded.append(centre)
        for centre in expanded:
            centre_key = name_key(centre)
            entries.setdefault(centre_key, Entry(territory.id, centre_key, "centre", shown))
    return list(entries.values())


_index_lock = threading.Lock()
_cached: tuple[tuple, SearchIndex] | None = None


def _fingerprint() -> tuple:
    """Cheap to read: rows added, ended or edited (with history) all change it."""
    current = Territory.objects.current().aggregate(rows=Count("id"), highest=Max("id"))
    edited = Territory.history.aggregate(last=Max("history_id"))["last"]
    return (current["rows"], current["highest"], edited)


def current_index() -> SearchIndex:
    """The index of current territories, rebuilt when the table's fingerprint changes.

    Bulk updates that bypass history keep the fingerprint; call `forget_index()` after them.
    """
    global _cached
    fingerprint = _fingerprint()
    cached = _cached
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _index_lock:
        rows = Territory.objects.current().values_list(
            "id", "kato", "level", "name_kk", "name_ru", "name_en", "population"
        )
        index = SearchIndex([IndexedTerritory(*row) for row in rows])
        _cached = (fingerprint, index)
    return index


def forget_index() -> None:
    global _cached
    _cached = None


def _forget_on_change(sender: type, **kwargs: object) -> None:
    forget_index()


# Changes made in this process are seen at once; other processes see them by the fingerprint.
post_save.connect(_forget_on_change, sender=Territory, dispatch_uid="territory-search-index-save")
post_delete.connect(_forget_on_change, sender=Territory, dispatch_uid="territory-search-index-del")


def search_territories(query: str, limit: int = 10) -> list[SearchHit]:
    """Current territories matching `query` (a KATO code or prefix, or a name), best first."""
    return current_index().search(query, limit=limit)
