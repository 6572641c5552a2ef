"""The plans' part of the hostile-names check (see aimaq/testing/hostile.py): a plan of the
hostile rayon whose every name and text carries the payload — title, SWOT, problem, goal,
outcome, output, indicator, action, funding source, evidence note, traced-from label —,
approved, amended, reported on and evaluated; every page, export and API answer showing it."""

from __future__ import annotations

from datetime import date
from typing import Any

from aimaq.plans.models import Approver, FundingSource, PlanKind, SourceKind
from aimaq.plans.services import (
    Source,
    add_action,
    add_evidence,
    add_goal,
    add_indicator,
    add_outcome,
    add_output,
    add_problem,
    add_swot_item,
    approve,
    create_plan,
    move,
    set_envelope,
    set_section_text,
    split_targets,
    start_amendment,
)
from aimaq.plans.services.evaluation import add_evaluation, add_recommendation, publish_evaluation
from aimaq.plans.services.monitoring import publish_report, save_report, start_report, submit_report
from aimaq.testing.hostile import Target, hostile

LANGUAGES = ("kk", "ru", "en")


def _texts(tag: str) -> dict[str, str]:
    return {lang: hostile(f"{tag}.{lang}") for lang in LANGUAGES}


def build(world: dict[str, Any]) -> None:
    by = world["admin"]
    source = FundingSource.objects.create(
        code="hostile",
        kind=SourceKind.DONOR_GRANT,
        **{f"name_{lang}": hostile(f"source.{lang}") for lang in LANGUAGES},
    )
    Approver.objects.create(user=by, territory=world["oblast"], body=world["organisation"])
    plan = create_plan(
        territory=world["rayon"],
        owner=world["organisation"],
        kind=PlanKind.TERRITORIAL,
        title=_texts("plan"),
        start_year=2020,
        end_year=2021,
        by=by,
    )
    version = plan.versions.get()
    set_section_text(version, "vision", _texts("vision"), by=by)
    add_evidence(
        version, "series", indicator=world["indicator"], note=_texts("evidence.note"), by=by
    )
    add_evidence(version, "profile", note=_texts("profile.note"), by=by)
    trace_from = Source("hostile:1", hostile("trace.label"), "/plans/")
    add_swot_item(version, quadrant="S", text=_texts("swot"), source=trace_from, by=by)
    problem = add_problem(
        version,
        text=_texts("problem"),
        evidence_indicator=world["indicator"],
        evidence_note=hostile("problem.evidence"),
        by=by,
    )
    goal = add_goal(version, name=_texts("goal"), problems=[problem], by=by)
    outcome = add_outcome(goal, name=_texts("outcome"), by=by)
    output = add_output(outcome, name=_texts("output"), by=by)
    indicator = add_indicator(
        version,
        outcome=outcome,
        name=_texts("indicator"),
        unit=_texts("unit"),
        baseline=10,
        baseline_year=2019,
        target_value=20,
        by=by,
    )
    split_targets(indicator, by=by)
    add_action(
        version,
        name=_texts("action"),
        output=output,
        responsible=world["organisation"],
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
        costs={(2020, source): 1000},
        source=trace_from,
        by=by,
    )
    set_envelope(version, year=2020, source=source, amount=2000, by=by)
    move(version, "consultation", by=by)
    move(version, "agreed", by=by, agreed_on=date(2020, 1, 1), note=hostile("agreement"))
    approve(
        version,
        by=by,
        body=world["organisation"],
        decision_number=hostile("decision")[:64],
        decision_date=date(2020, 1, 15),
    )
    report = start_report(plan, "2020", by=by)
    save_report(
        report,
        by=by,
        narrative=hostile("narrative"),
        risks=hostile("risks"),
        spending={source.pk: 900},
    )
    submit_report(report, by=by)
    publish_report(report, by=by)
    evaluation = add_evaluation(
        plan,
        title=hostile("evaluation"),
        evaluator=hostile("evaluator"),
        completed_on=date(2021, 1, 1),
        summary=hostile("summary"),
        ratings={"relevance": (3, hostile("rating.evidence"))},
        by=by,
    )
    add_recommendation(
        evaluation,
        text=hostile("recommendation"),
        owner=world["organisation"],
        deadline=date(2021, 6, 1),
        by=by,
    )
    publish_evaluation(evaluation, by=by)
    draft = start_amendment(plan, by=by, reason=hostile("reason"))
    world.update(plan=plan, plan_draft=draft, plan_report=report, plan_evaluation=evaluation)
    world["objects"] += [
        plan,
        version,
        draft.actions.get(),
        draft.goals.get(),
        report,
        evaluation,
        source,
    ]


def targets(world: dict[str, Any]) -> list[Target]:
    plan = world["plan"].pk
    draft = world["plan_draft"]
    action = draft.actions.get()
    base = f"/plans/{plan}"
    pages = [
        "/plans/",
        f"{base}/",
        f"{base}/v1/",
        f"{base}/scorecard/",
        f"{base}/reports/",
        f"{base}/reports/{world['plan_report'].pk}/",
        f"{base}/evaluations/{world['plan_evaluation'].pk}/",
        f"/plans/rollup/{world['oblast'].kato}/",
        f"/plans/rollup/{world['rayon'].kato}/",
        f"/territories/{world['rayon'].kato}/",
    ]
    official = [
        f"{base}/v2/edit/{section}/"
        for section in ("passport", "vision", "analysis", "directions", "resources")
    ] + [
        f"{base}/v2/diff/",
        f"{base}/v2/quality/",
        f"{base}/v1/workflow/",
        f"{base}/v2/workflow/",
        f"{base}/v2/element/action/{action.uid}/",
        *(f"{base}/v2/add/{kind}/" for kind in ("problem", "goal", "indicator", "action")),
        f"{base}/v2/import/",
        "/plans/mine/",
    ]
    return [
        *(Target(url, "html") for url in pages),
        *(Target(url, "html", signed_in=True) for url in official),
        *(
            Target(f"{base}/export/{what}.xlsx", "xlsx")
            for what in ("chain", "budget", "scorecard", "template")
        ),
        Target("/api/plans/", "json"),
        Target(f"/api/plans/{plan}", "json"),
        Target(f"/api/plans/{plan}/scorecard", "json"),
    ]
