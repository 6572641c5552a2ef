"""A territory named in an address: the `kato` path converter and the one lookup-or-404 that
every page and API endpoint uses."""

from __future__ import annotations

import functools

from django.db import connection
from django.http import Http404
from django.utils.translation import gettext as _

from .kato import KATO_PATTERN
from .models import Territory
from .selectors import HEAVY_FIELDS, find_territory

# Deeper than any real chain (camp › village › okrug › rayon › oblast › country): a parent
# loop in bad data ends the walk instead of running forever.
_DEPTH_LIMIT = 32


class KatoConverter:
    """`<kato:code>`: nine ASCII digits (registered as "kato" in TerritoriesConfig.ready)."""

    regex = "[0-9]{9}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def territory_or_404(kato: str, *, current: bool = False) -> Territory:
    """The unit with this KATO code, its ancestors loaded: the current one, or else the most
    recent unit that had the code (territory pages and the API show history). With
    `current`, only a current unit (pages that work on today's units); Http404 otherwise."""
    territory = None
    if KATO_PATTERN.fullmatch(kato or ""):
        territory = current_with_ancestors(kato)
        if territory is None and not current:
            territory = find_territory(kato)
    if territory is not None and current and not territory.is_current:
        territory = None
    if territory is None:
        raise Http404(_("No territory has the KATO code %(code)s.") % {"code": kato})
    return territory


def current_with_ancestors(kato: str) -> Territory | None:
    """The current unit with this KATO code, without boundaries, its `parent` chain loaded up
    to the root; None when no current unit has the code.

    One query walking the parents (a recursive CTE), its SQL written once per process:
    `find_territory`'s five-level select_related cost 3–5 ms of SQL compiling a call, more
    than the reads of a page's small lookups together."""
    units = list(Territory.objects.raw(_chain_sql(connection.vendor), [kato]))
    for child, parent in zip(units, units[1:], strict=False):
        child.parent = parent
    return units[0] if units else None


@functools.cache
def _chain_sql(vendor: str) -> str:
    """The unit and its ancestors, the unit first, then its parent, up to the root."""
    quote = connection.ops.quote_name
    table = quote(Territory._meta.db_table)
    columns = ", ".join(
        f"t.{quote(f.column)}"
        for f in Territory._meta.concrete_fields
        if f.column and f.name not in HEAVY_FIELDS
    )
    return (
        f"WITH RECURSIVE chain(id, depth) AS ("
        f"SELECT id, 0 FROM {table} WHERE kato = %s AND valid_to IS NULL "
        f"UNION ALL SELECT p.parent_id, chain.depth + 1 FROM {table} p "
        f"JOIN chain ON p.id = chain.id "
        f"WHERE p.parent_id IS NOT NULL AND chain.depth < {_DEPTH_LIMIT}) "
        f"SELECT {columns} FROM {table} t JOIN chain ON t.id = chain.id ORDER BY chain.depth"
    )
