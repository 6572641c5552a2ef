"""A monitoring report as a document (PDF, DOCX, through `documents.report_file`): the
actual values against the targets with each indicator's % met and verdict, the scorecard's
headline, each action's status, spending by source against the plan, the narrative and the
risks."""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from aimaq.core.documents import Document, Paragraph, Section, Table

from .models import MonitoringReport
from .periods import Period
from .services.monitoring import breakdown_flags
from .templatetags.plans_tags import figure, percent, tenge, verdict_label


def report_document(report: MonitoringReport, *, language: str) -> Document:
    """A monitoring report: the actual values against targets, each action's status,
    spending by source against the plan, the narrative and the risks."""
    from .scorecard import plan_scorecard

    with translation.override(language):
        plan = report.plan
        card = plan_scorecard(plan, version=report.version)
        verdicts = {c.indicator.pk: c for c in card.cards}
        flags = breakdown_flags(report)
        values = []
        for row in report.values.select_related("indicator").order_by(
            "indicator__order", "indicator__pk"
        ):
            i = row.indicator
            scored = verdicts.get(i.pk)
            mark = f" ({_('breakdown does not add up')})" if row.pk in flags else ""
            values.append(
                [
                    f"{i.code}. {i.name}",
                    i.unit or "—",
                    figure(i.baseline_value, i.decimals),
                    figure(i.target_value, i.decimals),
                    figure(row.value, i.decimals) + mark,
                    (_("evidence base") if row.from_observation else _("entered")),
                    percent(scored.percent) if scored else "—",
                    verdict_label(scored.verdict) if scored else "—",
                ]
            )
        progress = [
            [
                f"{row.action.code}. {row.action.name}",
                row.get_status_display(),
                f"{row.percent_done} %",
            ]
            for row in report.action_progress.select_related("action").order_by("action__order")
        ]
        # What the report's year planned, beside the whole plan: a period's spending read
        # against the plan's total alone looks like a plan barely started.
        year = Period.parse(report.period).year
        spent = {row.source_id: row.amount for row in report.spending.all()}
        spending = []
        if card.budget is not None:
            budget = card.budget
            spending = [
                [
                    source.name,
                    tenge(budget.cell(year, source)),
                    tenge(total),
                    tenge(spent.get(source.pk)),
                ]
                for source, _cells, total in budget.rows()
            ]
        sections = [
            Section(
                _("Actual values"),
                [
                    Table(
                        [
                            _("Indicator"),
                            _("Unit"),
                            _("Baseline"),
                            _("Target"),
                            _("Actual"),
                            _("Source"),
                            _("% met"),
                            _("Status"),
                        ],
                        values,
                        numeric=frozenset({2, 3, 4, 6}),
                        widths=(6, 2, 2, 2, 3, 3, 2, 3),
                    )
                    if values
                    else Paragraph("—"),
                    *_scorecard_summary(card),
                ],
            ),
            Section(
                _("Actions"),
                [
                    Table(
                        [_("Action"), _("Status"), _("per cent done")], progress, widths=(6, 3, 2)
                    )
                    if progress
                    else Paragraph("—")
                ],
            ),
            Section(
                _("Spending by source"),
                [
                    Table(
                        [
                            _("Source"),
                            _("Planned for %(year)s, tenge") % {"year": year},
                            _("Planned for the whole plan, tenge"),
                            _("Spent in the period, tenge"),
                        ],
                        spending,
                        numeric=frozenset({1, 2, 3}),
                    )
                    if spending
                    else Paragraph("—")
                ],
            ),
            Section(
                _("Narrative and risks"),
                [
                    Paragraph(report.narrative or "—"),
                    Paragraph(f"{_('Risks')}: {report.risks or '—'}"),
                ],
            ),
        ]
        return Document(
            title=_("Monitoring report %(period)s") % {"period": report.period},
            subtitle=f"{plan.name} · {report.get_status_display()}",
            territory=plan.territory.name,
            language=language,
            sections=sections,
            source=plan.owner.name,
            demo=plan.is_demo or report.is_demo,
        )


def _scorecard_summary(card) -> list[Paragraph]:
    """The scorecard's headline under the values: how many indicators are on track, at risk,
    off track or without data, as of when (the verdicts and % met are in the table)."""
    if card.version is None:
        return []
    return [
        Paragraph(
            _("%(on)s of %(total)s indicators on track")
            % {"on": card.on_track, "total": card.total}
        ),
        Paragraph(
            f"{_('At risk:')} {card.count_at_risk} · {_('off track:')} {card.count_off_track} · "
            f"{_('no data yet:')} {card.count_no_data}. "
            + _("As of %(day)s, from published reports.")
            % {"day": date_format(card.as_of, "DATE_FORMAT")},
            note=True,
        ),
    ]
