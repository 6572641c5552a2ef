"""The two long tables of a plan (the action plan, the indicator table), their rows built
in Python: a plan of 200 actions and 100 indicators has thousands of cells, and a template
loop costs ten times more per cell than a string. Every value goes through `html.escape`
(what Django's `escape` calls); the markup is the one the templates drew."""

from __future__ import annotations

import uuid
from decimal import Decimal
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .templatetags.plans_tags import figure, tenge

PLACEHOLDER = uuid.UUID(int=0)


def element_url(contents: Any, kind: str) -> Any:
    """A function giving the edit page of an element of `kind` from its uid: the URL is
    reversed once per table, not once per row."""
    version = contents.version
    pattern = reverse("plans:element", args=[version.plan_id, version.number, kind, PLACEHOLDER])
    return lambda uid: pattern.replace(str(PLACEHOLDER), str(uid))


def traces_html(contents: Any, element: Any, word: str) -> str:
    """ " (from …)" for each place outside the plan the element came from (escaped)."""
    parts = []
    for link in contents.traces.get(element.uid, ()):
        source = escape(link.label)
        if link.url:
            source = f'<a href="{escape(link.url)}">{source}</a>'
        parts.append(f' <span class="trace">({escape(word)} {source})</span>')
    return "".join(parts)


def number_formats() -> tuple[Any, Any]:
    """Functions formatting whole tenge and an indicator's figures in the active language,
    as the `tenge` and `figure` filters do, with the separators looked up once (Django's
    `number_format` looks them up for every number)."""
    if get_format("NUMBER_GROUPING") != 3:
        return tenge, figure
    thousands, point = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")

    def money(amount: Any) -> str:
        if amount is None or amount == "":
            return "—"
        return f"{int(amount):,}".replace(",", thousands)

    def number(value: Any, decimals: Any = 0) -> str:
        if value is None or value == "":
            return "—"
        places = int(decimals or 0)
        shown = f"{Decimal(value).quantize(Decimal(1).scaleb(-places)):,.{places}f}"
        return shown.replace(",", "\x00").replace(".", point).replace("\x00", thousands)

    return money, number


def day_format() -> Any:
    """A function showing a date in the language's short form ("—" for none), each
    distinct date formatted once."""
    seen: dict[Any, str] = {None: "—"}

    def day(value: Any) -> str:
        if value not in seen:
            seen[value] = date_format(value, "SHORT_DATE_FORMAT")
        return seen[value]

    return day


def action_rows(contents: Any, editing: bool = False) -> SafeString:
    """The `<tr>`s of the action plan: action, responsible, term, goals, cost per year,
    total."""
    edit = element_url(contents, "action") if editing else None
    money, _number = number_formats()
    day = day_format()
    words = {
        "programme": escape(_("budget programme")),
        "from": _("from"),
        "details": escape(_("costs and details")),
    }
    rows = []
    for row in contents.actions:
        a = row.action
        head = f"{escape(a.code)}. {escape(a.name)}"
        if a.budget_code:
            head += f'<br><span class="meta">{words["programme"]} {escape(a.budget_code)}</span>'
        head += traces_html(contents, a, words["from"])
        if edit is not None:
            head += f' <a href="{escape(edit(a.uid))}">{words["details"]}</a>'
        serves = ", ".join(row.goal_codes)
        if a.output is not None:
            serves = a.output.code + ("; " + serves if serves else "")
        responsible = a.responsible.name if a.responsible is not None else "—"
        cells = "".join(f'<td class="numeric">{money(x)}</td>' for x in row.by_year)
        rows.append(
            f'<tr id="action-{a.uid}"><th scope="row">{head}</th><td>{escape(responsible)}</td>'
            f"<td>{escape(day(a.starts_on))} – {escape(day(a.ends_on))}</td>"
            f'<td>{escape(serves)}</td>{cells}<td class="numeric">{money(row.total)}</td></tr>'
        )
    return mark_safe("\n".join(rows))


def indicator_rows(contents: Any, editing: bool = False) -> SafeString:
    """The `<tr>`s of the indicator table: indicator, unit, baseline, target, the yearly
    targets, frequency and cumulative rule."""
    edit = element_url(contents, "indicator") if editing else None
    years = [str(year) for year in contents.plan.years]
    _money, number = number_formats()
    words = {
        "linked": escape(_("evidence base")),
        "orphan": escape(_("measures nothing yet")),
        "details": escape(_("targets and details")),
    }
    rows = []
    for row in contents.indicators:
        i = row.indicator
        head = f"{escape(i.code)}. {escape(i.name)}"
        if i.is_linked:
            head += f' <span class="meta">({words["linked"]})</span>'
        head += f'<br><span class="meta">{escape(str(i.get_direction_display()))}'
        if not i.outcome_id and not i.output_id:
            head += f" · <strong>{words['orphan']}</strong>"
        head += "</span>"
        if edit is not None:
            head += f' <a href="{escape(edit(i.uid))}">{words["details"]}</a>'
        baseline = number(i.baseline_value, i.decimals)
        if i.baseline_year:
            baseline = f"{baseline} ({i.baseline_year})"
        cells = "".join(
            f'<td class="numeric">{number(row.targets.get(year), i.decimals)}</td>'
            for year in years
        )
        shown = f"{i.get_frequency_display()}; {i.get_rule_display()}"
        rows.append(
            f'<tr id="indicator-{i.uid}"><th scope="row">{head}</th><td>{escape(i.unit or "—")}</td>'
            f'<td class="numeric">{escape(baseline)}</td>'
            f'<td class="numeric">{number(i.target_value, i.decimals)}</td>{cells}'
            f"<td>{escape(shown)}</td></tr>"
        )
    return mark_safe("\n".join(rows))


def chain_items(contents: Any, editing: bool = False) -> SafeString:
    """The `<li>`s of the results chain (goal › outcome › output › action) with the
    indicators under their outcome or output, each goal's alignment to the plan above and
    where it came from; with `editing`, a link to each element's page."""
    edit = {kind: element_url(contents, kind) for kind in ("goal", "outcome", "output")}
    words = {
        "goal": escape(_("goal")),
        "outcome": escape(_("outcome")),
        "output": escape(pgettext("results chain", "output")),
        "action": escape(_("action")),
        "indicator": escape(_("indicator")),
        "contributes": escape(_("Contributes to:")),
        "from": _("from"),
        "edit": escape(_("edit")),
    }

    def edit_link(kind: str, uid: Any) -> str:
        return f' <a href="{escape(edit[kind](uid))}">{words["edit"]}</a>' if editing else ""

    def indicators(rows: list) -> str:
        return "".join(
            f'<br><span class="trace">{words["indicator"]} {escape(row.indicator.code)}: '
            f"{escape(row.indicator.name)}</span>"
            for row in rows
        )

    def action(a: Any) -> str:
        return f'<li><span class="level">{words["action"]}</span> {escape(a.code)} {escape(a.name)}</li>'

    parts = []
    for node in contents.goals:
        goal = node.goal
        parts.append(
            f'<li id="goal-{goal.uid}"><span class="level">{words["goal"]}</span> '
            f"<strong>{escape(goal.code)}. {escape(goal.name)}</strong>"
        )
        if goal.focus_area != "general":
            parts.append(
                f' <span class="meta">({escape(str(goal.get_focus_area_display()))})</span>'
            )
        above = goal.aligned_to
        if above is not None:
            url = reverse("plans:detail", args=[above.version.plan_id]) + f"#goal-{above.uid}"
            parts.append(
                f'<br><span class="trace">{words["contributes"]} <a href="{escape(url)}">'
                f"{escape(above.version.plan.name)}, {words['goal']} {escape(above.code)}</a></span>"
            )
        parts.append(traces_html(contents, goal, words["from"]))
        parts.append(edit_link("goal", goal.uid))
        parts.append("<ul>")
        for o in node.outcomes:
            parts.append(
                f'<li id="outcome-{o.outcome.uid}"><span class="level">{words["outcome"]}</span> '
                f"{escape(o.outcome.code)} {escape(o.outcome.name)}"
                f"{edit_link('outcome', o.outcome.uid)}{indicators(o.indicators)}<ul>"
            )
            for out in o.outputs:
                parts.append(
                    f'<li id="output-{out.output.uid}"><span class="level">{words["output"]}'
                    f"</span> {escape(out.output.code)} {escape(out.output.name)}"
                    f"{edit_link('output', out.output.uid)}{indicators(out.indicators)}"
                )
                if out.actions:
                    parts.append("<ul>" + "".join(action(a) for a in out.actions) + "</ul>")
                parts.append("</li>")
            parts.append("</ul></li>")
        parts.append("".join(action(a) for a in node.actions))
        parts.append("</ul></li>")
    return mark_safe("\n".join(parts))
