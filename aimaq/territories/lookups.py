"""A territory named in an address: the `kato` path converter and the one lookup-or-404 that
every page and API endpoint uses."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from .kato import KATO_PATTERN
from .models import Territory
from .selectors import find_territory


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
    territory = find_territory(kato) if KATO_PATTERN.fullmatch(kato or "") else None
    if territory is not None and current and not territory.is_current:
        territory = None
    if territory is None:
        raise Http404(_("No territory has the KATO code %(code)s.") % {"code": kato})
    return territory
