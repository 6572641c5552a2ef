"""Documents of a competition, through the shared documents part: the committee's protocol
(every application with its gate results, scores and outcome; the members, their recusals
and the composition of each decision) and the receipt handed to a paper applicant.

A protocol drawn for a person leaves out the applications they may not see (a declared
conflict of interest) and says how many; the stored protocol of a signed decision is drawn
for no one in particular and served only to the officials who run the competition."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from aimaq.core.documents import Document, KeyValue, Paragraph, Section, Table, render_pdf
from aimaq.core.permissions import allowed_rows
from aimaq.territories.selectors import with_territories

from .models import Application, Decision, DecisionLine, Gate, Outcome, RemainderRule
from .permissions import VIEW_APPLICATION
from .rules.reasons import reason_text

GATE_MARK = {True: "✓", False: "✗", None: "…"}


def money(value: int | None) -> str:
    return number_format(value or 0, force_grouping=True)


def _when(moment: Any) -> str:
    if moment is None:
        return "—"
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _lines_for(decision: Decision, viewer: Any) -> tuple[list[DecisionLine], int]:
    lines = list(
        with_territories(decision.lines.all(), "application__territory")
        .select_related("application")
        .order_by("rank", "application__case_number")
    )
    if viewer is None:
        return lines, 0
    visible = set(
        allowed_rows(
            viewer, VIEW_APPLICATION, Application.objects.filter(competition=decision.competition)
        ).values_list("pk", flat=True)
    )
    kept = [line for line in lines if line.application_id in visible]
    return kept, len(lines) - len(kept)


def protocol_document(decision: Decision, *, viewer: Any, language: str) -> Document:
    """The protocol of `decision` in `language`; for a `viewer`, without the applications
    they may not see (None: the complete record)."""
    from .services.decision import compositions

    competition = decision.competition
    with translation.override(language):
        lines, hidden = _lines_for(decision, viewer)
        shown = {line.pk for line in lines}
        criteria = list(competition.criteria.filter(kind="scored").order_by("order", "pk"))
        sections = [
            _call_section(competition, decision),
            _members_section(decision),
            *_applications_sections(lines, hidden, criteria),
            _composition_section([c for c in compositions(decision) if c.line.pk in shown]),
            _selection_section(decision, lines),
            _signature_section(decision),
        ]
        status = _("signed") if decision.is_signed else _("draft, not signed")
        return Document(
            title=_("Protocol of the competition committee"),
            subtitle=f"{competition.name} · {_('version')} {decision.version} · {status}",
            territory=competition.organiser_name,
            source=_("Aimaq, grant competitions"),
            language=language,
            sections=sections,
            demo=competition.is_demo,
        )


def _call_section(competition: Any, decision: Decision) -> Section:
    rule = RemainderRule(decision.remainder_rule).label
    items = [
        (_("Organiser"), competition.organiser_name or "—"),
        (_("Fund"), f"{money(decision.fund)} {_('tenge')}"),
        (_("Project budget"), f"{money(competition.min_budget)}–{money(competition.max_budget)} {_('tenge')}"),
        (_("Own contribution"), f"{competition.own_share_min}–{competition.own_share_max} %"),
        (_("Minimum total score"), str(competition.min_total)),
        (_("When the next application does not fit"), str(rule)),
        (_("Quorum"), str(competition.quorum)),
        (_("Largest share of one interest group"), f"{competition.max_group_share} %"),
        (_("Meeting"), " · ".join(filter(None, [
            date_format(decision.meeting_on, "SHORT_DATE_FORMAT") if decision.meeting_on else "",
            decision.meeting_place,
        ])) or "—"),
    ]  # fmt: skip
    blocks: list[Any] = [KeyValue(items)]
    if decision.amends_id:
        blocks.append(
            Paragraph(
                _("This version amends version %(version)s. Reason: %(reason)s")
                % {"version": decision.amends.version, "reason": decision.amendment_reason}  # type: ignore[union-attr]
            )
        )
    return Section(_("The call"), blocks)


def _members_section(decision: Decision) -> Section:
    present = set(decision.present.values_list("pk", flat=True))
    rows = [
        [
            str(member),
            member.get_role_display(),
            member.get_interest_group_display(),
            member.affiliation,
            _("yes") if member.pk in present else _("no"),
        ]
        for member in decision.competition.members.select_related("user")
    ]
    table = Table(
        headers=[_("Member"), _("Role"), _("Interest group"), _("Organisation"), _("Present")],
        rows=rows,
        widths=(30, 18, 20, 40, 12),
    )
    return Section(_("The committee"), [table])


def _gates(line: DecisionLine) -> str:
    return "".join(GATE_MARK[line.gates.get(gate)] for gate in Gate.values)


# The order in which the outcomes are listed: the money first, then the reserve, then the rest.
OUTCOME_ORDER = (
    Outcome.SELECTED,
    Outcome.REDUCED,
    Outcome.RESERVE,
    Outcome.NOT_SELECTED,
    Outcome.BELOW_THRESHOLD,
    Outcome.FAILED_GATE,
    Outcome.WITHDRAWN,
    Outcome.DECLINED,
    Outcome.REVOKED,
)


def _applications_sections(
    lines: list[DecisionLine], hidden: int, criteria: list[Any]
) -> list[Section]:
    """Every application, grouped by outcome (one subsection each) in rank order, as one
    compact entry: rank, case, business and applicant, territory, requested, gates, score
    with the mean per criterion, grant. Entries and not a table: WeasyPrint spends about
    three milliseconds on each table cell, and a thousand applications by eighteen columns
    made a one-minute protocol; the same facts as one line each take a few seconds."""
    maximum = _("max")  # outside the f-string, where xgettext finds it
    legend = "; ".join(
        f"{number}. {c.name} (×{c.weight}, {maximum} {c.max_score})"
        for number, c in enumerate(criteria, start=1)
    )
    notes: list[Any] = [
        Paragraph(
            _(
                "Each entry: rank; case; business — applicant; territory; requested, tenge; "
                "gates (formal check, eligibility, minimum criteria, scoring: ✓ passed, "
                "✗ failed, … not judged); weighted score, with the mean score per criterion "
                "of the members without a conflict in brackets; grant, tenge."
            ),
            note=True,
        ),
        Paragraph(_("Criteria: %(legend)s.") % {"legend": legend or "—"}, note=True),
        Paragraph(
            _("Recusals: %(list)s")
            % {
                "list": "; ".join(
                    f"{line.application.case_number}: {', '.join(line.recused)}"
                    for line in lines
                    if line.recused
                )
                or _("none")
            },
            note=True,
        ),
    ]
    if hidden:
        notes.append(
            Paragraph(
                _("%(count)s application(s) are left out: you declared a conflict of interest.")
                % {"count": hidden}
            )
        )
    sections = [Section(_("Applications"), notes)]
    codes = [c.code for c in criteria]
    by_outcome: dict[str, list[DecisionLine]] = {}
    for line in lines:
        by_outcome.setdefault(line.outcome, []).append(line)
    for outcome in OUTCOME_ORDER:
        chosen = by_outcome.get(outcome)
        if not chosen:
            continue
        heading = f"{Outcome(outcome).label} ({len(chosen)})"
        entries: list[Any] = [Paragraph(_entry(line, codes), note=True) for line in chosen]
        sections.append(Section(heading[:1].upper() + heading[1:], entries, level=2))
    return sections


def _entry(line: DecisionLine, codes: list[str]) -> str:
    application = line.application
    score = "—"
    if line.score is not None:
        means = " ".join(str(line.criteria.get(code, "—")) for code in codes)
        score = f"{line.score} ({means})" if line.criteria else str(line.score)
    return " · ".join(
        [
            f"{line.rank or '—'}. {application.case_number}",
            f"{application.business_name} — {application.applicant_name}",
            application.territory.name,
            money(application.requested),
            _gates(line),
            score,
            money(line.amount) if line.amount else "—",
        ]
    )


def _composition_section(items: list[Any]) -> Section:
    """One row per distinct composition: the applications without a recusal usually share
    one, which stands as a single row ("the other N applications") so that a protocol of a
    thousand applications does not repeat it a thousand times."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for item in items:
        shares = ", ".join(f"{_label(g)} {v} %" for g, v in item.check.shares.items())
        verdict = (
            _("lawful") if item.check.ok else "; ".join(reason_text(r) for r in item.check.problems)
        )
        key = (str(item.check.voters), shares, verdict)
        groups.setdefault(key, []).append(item.line.application.case_number)
    largest = max(groups, key=lambda key: len(groups[key]), default=None)
    rows = []
    # The applications with their own composition first, the common one last.
    for key, cases in sorted(groups.items(), key=lambda pair: pair[0] == largest):
        if key == largest and len(groups) > 1 and len(cases) > 3:
            label = _("every other application (%(count)s)") % {"count": len(cases)}
        elif key == largest and len(cases) > 3:
            label = _("every application (%(count)s)") % {"count": len(cases)}
        else:
            label = ", ".join(cases)
        rows.append([label, *key])
    table = Table(
        headers=[_("Cases"), _("Voting"), _("Votes by interest group"), _("Composition")],
        rows=rows,
        numeric=frozenset({1}),
        widths=(24, 10, 40, 38),
    )
    return Section(_("Composition of each decision after recusals"), [table])


def _label(group: str) -> str:
    from .models import InterestGroup

    return str(InterestGroup(group).label)


def _selection_section(decision: Decision, lines: list[DecisionLine]) -> Section:
    reserve = [line for line in lines if line.outcome == Outcome.RESERVE]
    items = [
        (_("Fund"), f"{money(decision.fund)} {_('tenge')}"),
        (_("Awarded"), f"{money(decision.total_awarded)} {_('tenge')}"),
        (_("Remainder"), f"{money(decision.fund - decision.total_awarded)} {_('tenge')}"),
        (_("Reserve list, in order"), ", ".join(line.application.case_number for line in reserve) or "—"),
    ]  # fmt: skip
    return Section(_("Selection within the fund"), [KeyValue(items)])


def _signature_section(decision: Decision) -> Section:
    if decision.is_signed:
        text = _("Signed by the chair %(name)s on %(when)s.") % {
            "name": str(decision.signed_by), "when": _when(decision.signed_at),
        }  # fmt: skip
    else:
        text = _("Draft: not signed by the chair.")
    return Section(_("Signature"), [Paragraph(text)])


def render_protocol(document: Document) -> bytes:
    """The protocol as PDF (one function, so it can run as a background job later)."""
    return render_pdf(document)


def receipt_document(application: Application, *, language: str) -> Document:
    """The receipt handed to the applicant who brought a paper application: date and hour,
    case number, documents handed in, the receiving official."""
    with translation.override(language):
        items = [
            (_("Case number"), application.case_number),
            (_("Received"), _when(application.submitted_at)),
            (_("Applicant"), application.applicant_name),
            (_("Business"), application.business_name),
            (_("Documents handed in"), str(application.attachments_on_paper)),
            (_("Requested from the fund"), f"{money(application.requested)} {_('tenge')}"),
            (_("Received by"), str(application.received_by or "—")),
        ]
        note = _(
            "Keep this receipt: its case number identifies your application. The entry is "
            "confirmed by a second official; you are told the results and how to appeal."
        )
        return Document(
            title=_("Receipt for a grant application"),
            subtitle=application.competition.name,
            territory=application.competition.organiser_name,
            language=language,
            sections=[Section(_("Application received"), [KeyValue(items), Paragraph(note)])],
            demo=application.is_demo,
        )


def decimal_text(value: Decimal | None) -> str:
    return "—" if value is None else str(value)
