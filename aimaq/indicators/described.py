"""What every export of the evidence base says about itself, in the reader's language: the
title, each indicator with its unit, the period, the territory, the source, the day it was
drawn and, for demo figures, that they are demo data — as the header rows of a table
(CSV, XLSX) and as the caption of a chart or map (SVG, PNG)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aimaq.core.charts.frame import Caption
from aimaq.core.exports import ExportHeader

from .models import Indicator

MAX_NAMED = 12  # territories named in a header; the rest are counted


def indicator_label(indicator: Indicator) -> str:
    """ "Unemployment rate, %": the name and, when it has one, the unit."""
    return f"{indicator.name}, {indicator.unit}" if indicator.unit else indicator.name


def territories_label(names: Sequence[str]) -> str:
    """Up to MAX_NAMED names, then how many more."""
    shown = ", ".join(names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        shown += " " + _("and %(count)s more") % {"count": len(names) - MAX_NAMED}
    return shown


@dataclass
class Described:
    """The facts about one export."""

    title: str
    indicators: Sequence[Indicator]
    period: str
    territory: str
    credits: Iterable[str] = ()
    notes: Sequence[str] = ()  # what a reader must know to read it (a break in a series)
    drawn_on: date = field(default_factory=timezone.localdate)

    @property
    def is_demo(self) -> bool:
        return any(i.is_demo for i in self.indicators)

    @property
    def source(self) -> str:
        sources = list(dict.fromkeys(i.source for i in self.indicators if i.source))
        return "; ".join(sources) or _("Aimaq evidence base")

    def facts(self) -> list[tuple[str, str]]:
        """(label, text) pairs in the reader's language."""
        facts = []
        if len(self.indicators) == 1:
            facts.append((_("Indicator"), indicator_label(self.indicators[0])))
        elif self.indicators:
            facts.append((_("Indicators"), "; ".join(indicator_label(i) for i in self.indicators)))
        facts += [
            (_("Period"), self.period or "—"),
            (_("Territory"), self.territory or "—"),
            (_("Source"), self.source),
        ]
        facts += [(_("Boundaries"), credit) for credit in dict.fromkeys(self.credits) if credit]
        facts += [(_("Note"), note) for note in self.notes]
        facts.append((_("Drawn from Aimaq on"), date_format(self.drawn_on, "SHORT_DATE_FORMAT")))
        if self.is_demo:
            facts.append((_("Demo data"), self.demo_warning()))
        return facts

    def demo_warning(self) -> str:
        return _("Demo data: generated for trying Aimaq, not official statistics.")

    def header(self) -> ExportHeader:
        """The header rows of a table export."""
        return ExportHeader(self.title, self.facts())

    def caption(self) -> Caption:
        """The caption of a chart or map: indicator, period and territory under the title;
        source, credits and the day drawn at its foot; the demo marker in red."""
        facts = dict(self.facts())
        lines = [
            " · ".join(
                part
                for part in (
                    "; ".join(indicator_label(i) for i in self.indicators)
                    if len(self.indicators) > 1
                    else "",
                    self.territory,
                    self.period,
                )
                if part
            )
        ]
        notes = [*self.notes, f"{_('Source')}: {self.source}"]
        notes += [
            f"{_('Boundaries')}: {credit}" for credit in dict.fromkeys(self.credits) if credit
        ]
        notes.append(f"{_('Drawn from Aimaq on')} {facts[_('Drawn from Aimaq on')]}")
        return Caption(
            self.title,
            lines=lines,
            notes=notes,
            warning=self.demo_warning() if self.is_demo else "",
        )

    def png_text(self) -> dict[str, str]:
        """PNG text chunks (Title, Description, Source, Creation Time, Software)."""
        return {
            "Title": self.title,
            "Description": "; ".join(f"{label}: {text}" for label, text in self.facts()),
            "Source": self.source,
            "Creation Time": self.drawn_on.isoformat(),
            "Software": "Aimaq",
        }
