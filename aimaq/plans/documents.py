"""A plan and a monitoring report as documents (PDF, DOCX) in the official structure and the
chosen language: title page and contents (the shared renderer's), the five sections with the
analysis's figures, SWOT and the problem tree, the results-chain table, the action plan with
its budget by source and year, and the indicator table with baselines and targets.

`plan_file` / `report_file` are the one entry each that a background job wraps."""

from __future__ import annotations

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aimaq.core.documents import (
    Document,
    DocumentFile,
    Figure,
    KeyValue,
    Paragraph,
    Section,
    Table,
    render_file,
)

from .budget import action_source_totals
from .evidence import evidence_view
from .models import MonitoringReport, PlanVersion
from .models import Section as PlanSection
from .selectors import PlanContents, plan_contents
from .templatetags.plans_tags import figure, tenge


def plan_file(version: PlanVersion, *, language: str, file_format: str) -> DocumentFile:
    """The version as a PDF or DOCX file in `language`."""
    name = f"aimaq-plan-{version.plan_id}-v{version.number}-{language}.{file_format}"
    return render_file(plan_document(version, language=language), file_format, name)


def report_file(report: MonitoringReport, *, language: str, file_format: str) -> DocumentFile:
    from .report_document import report_document

    name = f"aimaq-report-{report.plan_id}-{report.period}-{language}.{file_format}"
    return render_file(report_document(report, language=language), file_format, name)


def plan_document(version: PlanVersion, *, language: str) -> Document:
    with translation.override(language):
        contents = plan_contents(version)
        plan = version.plan
        sections = [
            _passport(contents),
            _text_section(contents, PlanSection.VISION, 2),
            *_analysis(contents, language),
            *_directions(contents),
            _resources(contents),
        ]
        status = version.get_status_display()
        return Document(
            title=plan.name,
            subtitle=f"{capfirst(plan.get_kind_display())}, {plan.start_year}–{plan.end_year} · "
            f"{_('version')} {version.number}: {status}",
            territory=plan.territory.name,
            language=language,
            sections=sections,
            source=plan.owner.name,
            demo=plan.is_demo,
        )


def _numbered(number: int, section: str) -> str:
    return f"{number}. {PlanSection(section).label}"


def _text_blocks(contents: PlanContents, section: str) -> list:
    text = contents.text(section)
    return [Paragraph(part) for part in text.split("\n\n") if part.strip()] if text else []


def _passport(contents: PlanContents) -> Section:
    plan, version = contents.plan, contents.version
    approval = _("not yet approved")
    if version.decision_number and version.decision_date is not None:
        approval = _("decision %(number)s of %(day)s, %(body)s") % {
            "number": version.decision_number,
            "day": version.decision_date.strftime("%d.%m.%Y"),
            "body": version.approving_body.name if version.approving_body else "",
        }
    facts = [
        (_("Name of the plan"), plan.name),
        (_("Kind"), capfirst(plan.get_kind_display())),
        (_("Territory"), f"{plan.territory.name} ({_('KATO')} {plan.territory.kato})"),
        (_("Developer"), plan.owner.name),
        (_("Period"), f"{plan.start_year}–{plan.end_year}"),
        (_("Approval"), approval),
        (_("Funding, tenge"), tenge(contents.budget.total)),
    ]
    if version.agreed_on:
        facts.append((_("Agreed with the community"), version.agreed_on.strftime("%d.%m.%Y")))
    return Section(
        _numbered(1, PlanSection.PASSPORT),
        [KeyValue(facts), *_text_blocks(contents, PlanSection.PASSPORT)],
    )


def _text_section(contents: PlanContents, section: str, number: int) -> Section:
    blocks = _text_blocks(contents, section) or [Paragraph("—")]
    return Section(_numbered(number, section), blocks)


def _analysis(contents: PlanContents, language: str) -> list[Section]:
    main = Section(_numbered(3, PlanSection.ANALYSIS), _text_blocks(contents, PlanSection.ANALYSIS))
    for block in contents.evidence:
        view = evidence_view(block, language)
        if view.note:
            main.blocks.append(Paragraph(view.note))
        if view.svg:
            main.blocks.append(Figure(view.svg, view.title, width_mm=150.0))
        if view.rows:
            main.blocks.append(Table(view.headers, view.rows, caption=view.title))
        note = (
            _("Figures frozen at approval; latest figure: %(period)s.")
            if view.frozen_at
            else _("Live figures of the evidence base; latest figure: %(period)s.")
        ) % {"period": view.data_date or "—"}
        main.blocks.append(Paragraph(note, note=True))
    swot = Section(_("SWOT analysis"), level=2)
    for _area, area_label, quadrants in contents.swot:
        rows = [
            [label.capitalize(), "\n".join(f"• {item.text}" for item in items) or "—"]
            for _q, label, items in quadrants
        ]
        swot.blocks.append(
            Table([_("Quadrant"), _("Items")], rows, caption=capfirst(area_label), widths=(1, 4))
        )
    if not swot.blocks:
        swot.blocks.append(Paragraph(_("No SWOT analysis yet.")))
    tree = Section(_("Problem tree"), level=2)
    rows = []
    for branch in contents.problems:
        evidence = branch.core.evidence_indicator.name if branch.core.evidence_indicator else ""
        rows.append(
            [
                "\n".join(f"• {p.text}" for p in branch.causes) or "—",
                branch.core.text
                + (
                    f"\n({_('Evidence:')} {evidence} {branch.core.evidence_note})".rstrip()
                    if evidence or branch.core.evidence_note
                    else ""
                ),
                "\n".join(f"• {p.text}" for p in branch.effects) or "—",
            ]
        )
    if rows:
        tree.blocks.append(Table([_("Causes"), _("Core problem"), _("Effects")], rows))
    else:
        tree.blocks.append(Paragraph(_("No problems analysed yet.")))
    return [main, swot, tree]


def _directions(contents: PlanContents) -> list[Section]:
    """Section 4: the results chain as one short entry per goal, outcome and output (its
    indicators and actions named in it), then the indicator table and the action plan, each
    row in two or three cells. WeasyPrint spends about 3.4 ms on each table cell, and the
    wide tables of a 200-action plan (four thousand cells) took 14 s; the same facts in
    these forms take a fraction of that."""
    main = Section(
        _numbered(4, PlanSection.DIRECTIONS), _text_blocks(contents, PlanSection.DIRECTIONS)
    )
    return [main, _chain_section(contents), _indicator_section(contents), _action_section(contents)]


def _named(items: list, word: str) -> str:
    return f"{word}: " + "; ".join(f"{item.code}. {item.name}" for item in items)


def _chain_section(contents: PlanContents) -> Section:
    chain = Section(_("Results chain"), level=2)
    if not contents.goals:
        chain.blocks.append(Paragraph(_("No goals yet.")))
        return chain
    chain.blocks.append(
        Paragraph(
            _(
                "Goal › outcome › output › action: each goal is followed by its outcomes, each "
                "outcome by its outputs, with the indicators that measure them and the actions "
                "that deliver them. The actions' costs are in the action plan."
            ),
            note=True,
        )
    )
    words = {"indicators": _("Indicators"), "actions": _("Actions")}
    for node in contents.goals:
        goal = node.goal
        head = f"{capfirst(_('goal'))} {goal.code}. {goal.name}"
        if goal.focus_area != "general":
            head += f" ({goal.get_focus_area_display()})"
        if goal.aligned_to is not None:
            above = goal.aligned_to
            head += f"\n{_('Contributes to:')} {above.version.plan.name}, {_('goal')} {above.code}"
        chain.blocks.append(Paragraph(head))
        for o in node.outcomes:
            lines = [f"{capfirst(_('outcome'))} {o.outcome.code}. {o.outcome.name}"]
            if o.indicators:
                lines.append(_named([row.indicator for row in o.indicators], words["indicators"]))
            chain.blocks.append(Paragraph("\n".join(lines), note=True))
            for out in o.outputs:
                lines = [
                    f"{capfirst(pgettext('results chain', 'output'))} {out.output.code}. {out.output.name}"
                ]
                if out.indicators:
                    lines.append(
                        _named([row.indicator for row in out.indicators], words["indicators"])
                    )
                if out.actions:
                    lines.append(_named(out.actions, words["actions"]))
                chain.blocks.append(Paragraph("\n".join(lines), note=True))
        if node.actions:
            chain.blocks.append(Paragraph(_named(node.actions, words["actions"]), note=True))
    return chain


def _indicator_section(contents: PlanContents) -> Section:
    """The indicator table, one row per indicator in two cells: the indicator with its unit,
    direction, frequency and cumulative rule; its baseline (and year), life-of-plan target
    and the target of every period."""
    section = Section(_("Target indicators"), level=2)
    if not contents.indicators:
        section.blocks.append(Paragraph(_("No indicators yet.")))
        return section
    rows = []
    for row in contents.indicators:
        i = row.indicator
        baseline = figure(i.baseline_value, i.decimals) + (
            f" ({i.baseline_year})" if i.baseline_year else ""
        )
        described = [
            f"{i.code}. {i.name}",
            i.unit or "—",
            str(i.get_direction_display()),
            f"{i.get_frequency_display()}; {i.get_rule_display()}",
        ]
        figures = [f"{baseline} → {figure(i.target_value, i.decimals)}"]
        figures.extend(f"{p}: {figure(row.targets[p], i.decimals)}" for p in sorted(row.targets))
        rows.append([" · ".join(described), " · ".join(figures)])
    section.blocks.append(
        Table(
            [
                _("Indicator · unit · direction · frequency and rule"),
                _("Baseline (year) → target · targets by period"),
            ],
            rows,
            widths=(1, 1),
        )
    )
    return section


def _action_section(contents: PlanContents) -> Section:
    """The action plan as one entry per action (its number and name; responsible
    organisation; term; what it serves; budget programme; cost per year, in total and by
    funding source, in whole tenge), after a note saying how an entry reads. Entries and
    not a nine-column table: on the page an entry costs a quarter of a table row."""
    section = Section(_("Action plan"), level=2)
    if not contents.actions:
        section.blocks.append(Paragraph(_("No actions yet.")))
        return section
    years = contents.plan.years
    section.blocks.append(
        Paragraph(
            _(
                "Each entry: number and action; responsible organisation; term; the output "
                "and goals it serves; budget programme, if any; cost per year, in total and by "
                "funding source, tenge. The plan's costs by source and year are in section 5."
            ),
            note=True,
        )
    )
    served_word, total_word = _("serves"), _("total")
    sources = contents.budget.sources  # in their order: local budgets first
    by_source = action_source_totals(contents.version)
    for row in contents.actions:
        a = row.action
        serves = ", ".join(row.goal_codes)
        if a.output is not None:
            serves = a.output.code + ("; " + serves if serves else "")
        parts = [
            f"{a.code}. {a.name}",
            a.responsible.name if a.responsible else "—",
            _term(a),
        ]
        if serves:
            parts.append(f"{served_word} {serves}")
        if a.budget_code:
            parts.append(f"{_('budget programme')} {a.budget_code}")
        parts.extend(
            f"{year}: {tenge(amount)}" for year, amount in zip(years, row.by_year, strict=True)
        )
        parts.append(f"{total_word} {tenge(row.total)}")
        funded = by_source.get(a.pk, {})
        if funded:
            parts.append(
                _("by source:")
                + " "
                + "; ".join(
                    f"{source.name} {tenge(funded[source.pk])}"
                    for source in sources
                    if funded.get(source.pk)
                )
            )
        section.blocks.append(Paragraph(" · ".join(parts), note=True))
    return section


def _term(action) -> str:
    start = action.starts_on.strftime("%d.%m.%Y") if action.starts_on else "—"
    end = action.ends_on.strftime("%d.%m.%Y") if action.ends_on else "—"
    return f"{start} – {end}"


def _resources(contents: PlanContents) -> Section:
    section = Section(
        _numbered(5, PlanSection.RESOURCES), _text_blocks(contents, PlanSection.RESOURCES)
    )
    budget = contents.budget
    rows = []
    for source, cells, total in budget.rows():
        rows.append([source.name, *[tenge(planned) for planned, _e, _o in cells], tenge(total)])
        rows.append(
            [
                f"  {_('envelope')}",
                *[tenge(envelope) for _p, envelope, _o in cells],
                tenge(budget.envelope_source_total(source)),
            ]
        )
    rows.append(
        [
            _("Total"),
            *[tenge(planned) for _y, planned, _e in budget.totals_by_year],
            tenge(budget.total),
        ]
    )
    section.blocks.append(
        Table(
            [_("Source"), *map(str, budget.years), _("Total")],
            rows,
            caption=_("Funding by source and year, tenge"),
            numeric=frozenset(range(1, 2 + len(budget.years))),
        )
        if budget.sources
        else Paragraph(_("No costs or envelopes yet."))
    )
    return section
