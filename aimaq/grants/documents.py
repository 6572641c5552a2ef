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
        decision.lines.select_related("application", "application__territory").order_by(
            "rank", "application__case_number"
        )
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
            _applications_section(lines, hidden),
            _scores_section(lines, criteria),
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
    return " ".join(GATE_MARK[line.gates.get(gate)] for gate in Gate.values)


def _applications_section(lines: list[DecisionLine], hidden: int) -> Section:
    rows: list[list[str]] = []
    for line in lines:
        application = line.application
        rows.append(
            [
                str(line.rank or "—"),
                application.case_number,
                f"{application.business_name} — {application.applicant_name}",
                application.territory.name,
                money(application.requested),
                _gates(line),
                str(line.score) if line.score is not None else "—",
                str(Outcome(line.outcome).label),
                money(line.amount) if line.amount else "—",
            ]
        )
    notes = [
        _("Gates, in order: formal check, eligibility, minimum criteria, scoring. ✓ passed, ✗ failed, … not judged."),
        _("Recusals: %(list)s") % {
            "list": "; ".join(
                f"{line.application.case_number}: {', '.join(line.recused)}"
                for line in lines if line.recused
            ) or _("none")
        },
    ]  # fmt: skip
    if hidden:
        notes.append(
            _("%(count)s application(s) are left out: you declared a conflict of interest.")
            % {"count": hidden}
        )
    table = Table(
        headers=[
            _("Rank"), _("Case"), _("Business and applicant"), _("Territory"), _("Requested"),
            _("Gates"), _("Score"), _("Outcome"), _("Grant"),
        ],
        rows=rows,
        numeric=frozenset({0, 4, 6, 8}),
        widths=(7, 12, 38, 22, 15, 11, 10, 22, 15),
        notes=notes,
    )  # fmt: skip
    return Section(_("Applications"), [table])


def _scores_section(lines: list[DecisionLine], criteria: list[Any]) -> Section:
    scored = [line for line in lines if line.criteria]
    if not scored or not criteria:
        return Section(_("Scores by criterion"), [Paragraph(_("No application was scored."))])
    rows = [
        [line.application.case_number, *[line.criteria.get(c.code, "—") for c in criteria],
         str(line.score)]
        for line in scored
    ]  # fmt: skip
    legend = "; ".join(
        f"{number}. {c.name} (×{c.weight}, {_('max')} {c.max_score})"
        for number, c in enumerate(criteria, start=1)
    )
    table = Table(
        headers=[_("Case"), *[str(n) for n in range(1, len(criteria) + 1)], _("Score")],
        rows=rows,
        numeric=frozenset(range(1, len(criteria) + 2)),
        notes=[_("Mean score of the members without a conflict, per criterion: %(legend)s.")
               % {"legend": legend}],
    )  # fmt: skip
    return Section(_("Scores by criterion"), [table])


def _composition_section(items: list[Any]) -> Section:
    rows = []
    for item in items:
        shares = ", ".join(f"{_label(g)} {v} %" for g, v in item.check.shares.items())
        verdict = (
            _("lawful") if item.check.ok else "; ".join(reason_text(r) for r in item.check.problems)
        )
        rows.append([item.line.application.case_number, str(item.check.voters), shares, verdict])
    table = Table(
        headers=[_("Case"), _("Voting"), _("Votes by interest group"), _("Composition")],
        rows=rows,
        numeric=frozenset({1}),
        widths=(12, 10, 45, 45),
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
