"""Speed of the plans app against the targets of issue 18.

1. A plan with 200 actions × 5 years × 6 funding sources (6,000 cost rows) and 100
   indicators with yearly targets, written through the services: the plan's pages (the
   plan, the five-section editing pages, the scorecard) p95 ≤ 300 ms, the quality check
   ≤ 200 ms; the same plan rendered to PDF (≤ 10 s for 40 pages) and DOCX (≤ 5 s).
2. The national roll-up: 20 oblast plans, 200 rayon plans and 2,300 rural okrug plans
   (20 indicators each, three years of published quarterly reports: 12 reports × 20 values
   per okrug plan), the okrug goals aligned to the rayon's, the rayon's to the oblast's.
   The verdicts are stored when a report is published (`refresh_scores`, timed per plan);
   the roll-up of every rayon and oblast plan and of the country and each oblast by territory
   (`national_rollup`) ≤ 2 s.

Everything runs in a temporary SQLite database. Prints wall-clock figures (and CPU for the
documents: the wall clock also counts waiting for a busy machine).

    .venv/bin/python benchmarks/plans_speed.py               # full size, a few minutes
    .venv/bin/python benchmarks/plans_speed.py --scale 0.1   # 230 okrug plans
    .venv/bin/python benchmarks/plans_speed.py --skip-documents
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

TARGETS_MS = {"page": 300.0, "quality": 200.0, "rollup": 2000.0}
TARGETS_S = {"pdf": 10.0, "docx": 5.0}
ANALYSIS_PARAGRAPHS = 16  # prose of the situation analysis: with it the PDF has 40 pages
YEARS = list(range(2024, 2029))  # the big plan: five years
REPORT_YEARS = [2023, 2024, 2025]  # okrug plans: three years of quarterly reports


def setup_django(db_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.pop("DATABASE_URL", None)
    os.environ["AIMAQ_SQLITE_PATH"] = str(db_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def line(label: str, timings: tuple[list[float], list[float]], target: float | None = None) -> None:
    """p50/p95/max of the wall clock, and the p95 of CPU time (what the work costs on a
    quiet machine; the wall clock also counts waiting for a busy one)."""
    wall, cpu = timings
    p95 = percentile(wall, 0.95)
    cpu95 = percentile(cpu, 0.95)
    verdict = ""
    if target is not None:
        verdict = (
            f"  target ≤ {target:.0f} ms: wall {'met' if p95 <= target else 'MISSED'},"
            f" CPU {'met' if cpu95 <= target else 'MISSED'}"
        )
    print(
        f"  {label:<34} p50 {statistics.median(wall):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {max(wall):7.1f} ms  CPU p95 {cpu95:7.1f} ms{verdict}"
    )


def timed_ms(call, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return wall, cpu


# --- 1. one big plan ----------------------------------------------------------------------


def big_plan(seed: int):
    """The plan of a rayon: 10 goals × 2 outcomes × 2 outputs, 100 indicators (5 per
    outcome) with yearly targets, 200 actions costed every year from every source, the
    envelopes above the totals — built through the services, as an official would."""
    from aimaq.accounts.models import Organisation, OrganisationKind, Role
    from aimaq.plans.models import CumulativeRule, Direction, Frequency, PlanKind, UnitKind
    from aimaq.plans.services import (
        add_action,
        add_goal,
        add_indicator,
        add_outcome,
        add_output,
        add_problem,
        add_swot_item,
        create_plan,
        set_envelope,
        split_targets,
    )
    from aimaq.plans.sources import ensure_funding_sources
    from aimaq.testing.people import user_with_role
    from aimaq.testing.territories import small_tree

    rng = random.Random(seed)
    tree = small_tree()
    akimat = Organisation.objects.create(
        kind=OrganisationKind.AKIMAT,
        territory=tree["nura"],
        name_kk="Нұра ауданының әкімдігі",
        name_ru="Акимат Нуринского района",
        name_en="Nura rayon akimat",
    )
    editor = user_with_role(Role.EDITOR, tree["nura"], organisation=akimat)
    sources = list(ensure_funding_sources().values())[:6]
    plan = create_plan(
        territory=tree["nura"],
        owner=akimat,
        kind=PlanKind.TERRITORIAL,
        title={
            "kk": "Нұра ауданының 2024–2028 жылдарға арналған даму жоспары",
            "ru": "План развития Нуринского района на 2024–2028 годы",
            "en": "Nura rayon development plan 2024–2028",
        },
        start_year=YEARS[0],
        end_year=YEARS[-1],
        by=editor,
    )
    for quadrant in "SWOT":
        for n in range(5):
            add_swot_item(plan, quadrant=quadrant, text=f"Аудан туралы тұжырым {n}", by=editor)
    problems = [
        add_problem(plan, text=f"Мәселе {n}: ауылда қызмет жоқ", by=editor) for n in range(10)
    ]
    outputs = []
    goals = []
    indicator_count = 0
    for g in range(10):
        goal = add_goal(
            plan,
            name=f"Мақсат {g + 1}: ауыл тұрғындарының өмірі жақсарады",
            problems=[problems[g]],
            by=editor,
        )
        goals.append(goal)
        for o in range(2):
            outcome = add_outcome(goal, name=f"Нәтиже {g + 1}.{o + 1}", by=editor)
            for _i in range(5):
                indicator_count += 1
                baseline = rng.randint(10, 500)
                indicator = add_indicator(
                    plan,
                    outcome=outcome,
                    name=f"Көрсеткіш {indicator_count}",
                    unit_kind=UnitKind.NUMBER,
                    unit="адам",
                    direction=Direction.INCREASE,
                    baseline=baseline,
                    baseline_year=YEARS[0] - 1,
                    target_value=baseline + rng.randint(50, 500),
                    frequency=Frequency.ANNUAL,
                    rule=CumulativeRule.CUMULATIVE
                    if indicator_count % 2
                    else CumulativeRule.LATEST,
                    by=editor,
                )
                split_targets(indicator, by=editor)
            for _p in range(2):
                outputs.append(add_output(outcome, name=f"Өнім {len(outputs) + 1}", by=editor))
    totals: dict[tuple[int, int], int] = {}
    for n in range(200):
        costs = {}
        for year in YEARS:
            for source in sources:
                amount = rng.randint(1, 500) * 100_000
                costs[(year, source)] = amount
                totals[(year, source.pk)] = totals.get((year, source.pk), 0) + amount
        output = outputs[n % len(outputs)]
        add_action(
            plan,
            name=f"Іс-шара {n + 1}: ауылдағы нысанды жөндеу",
            output=output,
            goals=[goals[n % len(goals)]],
            responsible=akimat,
            starts_on=date(YEARS[0], 1 + n % 12, 1),
            ends_on=date(YEARS[-1], 12, 31),
            costs=costs,
            by=editor,
        )
    for year in YEARS:
        for source in sources:
            set_envelope(
                plan, year=year, source=source, amount=totals[(year, source.pk)] + 1, by=editor
            )
    return plan, editor


def bench_big_plan(seed: int, repeat: int, documents: bool) -> None:
    from django.test import Client
    from django.urls import reverse

    from aimaq.plans.models import ActionCost, PlanIndicator, Section
    from aimaq.plans.quality import check_quality

    print("1. One plan: 200 actions × 5 years × 6 sources, 100 indicators")
    started = time.perf_counter()
    plan, editor = big_plan(seed)
    version = plan.versions.get()
    print(
        f"  built through the services in {time.perf_counter() - started:.1f} s: "
        f"{ActionCost.objects.filter(version=version).count()} cost rows, "
        f"{PlanIndicator.objects.filter(version=version).count()} indicators"
    )
    report = check_quality(version)
    print(f"  quality check: {report.checks} checks, {len(report.findings)} findings")
    line("quality check", timed_ms(lambda: check_quality(version), repeat), TARGETS_MS["quality"])
    client = Client()
    client.force_login(editor)
    pages = {
        "plan page": reverse("plans:version", args=[plan.pk, version.number]),
        "edit: directions (results chain)": reverse(
            "plans:edit", args=[plan.pk, version.number, Section.DIRECTIONS]
        ),
        "edit: resources (budget)": reverse(
            "plans:edit", args=[plan.pk, version.number, Section.RESOURCES]
        ),
        "edit: analysis": reverse("plans:edit", args=[plan.pk, version.number, Section.ANALYSIS]),
        "quality check page": reverse("plans:quality", args=[plan.pk, version.number]),
        "scorecard": reverse("plans:scorecard", args=[plan.pk]),
    }
    with_headers = {"HTTP_ACCEPT_LANGUAGE": "kk"}
    for label, url in pages.items():
        response = client.get(url, **with_headers)
        assert response.status_code == 200, (url, response.status_code)
        line(
            label,
            timed_ms(lambda url=url: client.get(url, **with_headers), repeat),
            TARGETS_MS["page"],
        )
    if documents:
        bench_documents(version, editor)


ANALYSIS_SENTENCES = (
    "Ауданның экономикасы негізінен ауыл шаруашылығына сүйенеді: егіс алқабының {n} мың "
    "гектарында бидай мен арпа өсіріледі, мал басы соңғы бес жылда {p} пайызға өсті.",
    "Ауылдық округтердің {n}-де ауызсу құбыры тозған, тұрғындардың бір бөлігі суды тасымалдап "
    "алады; жөндеуге жергілікті бюджеттен және республикалық трансферттерден қаражат қажет.",
    "Мектептер мен амбулаториялардағы мамандар тапшылығы сақталып отыр: {p} бос орынның "
    "жартысынан көбі ауылдық жерлерде, жас мамандарға тұрғын үй мен көтерме жәрдемақы беріледі.",
    "Жолдардың {p} пайызы нашар жағдайда, аудан орталығына дейінгі қашықтық {n} шақырымға "
    "жетеді, қоғамдық көлік күніне бір рет қатынайды.",
    "Тұрғындармен өткен кездесулерде ({n} адам қатысты) ұялы байланыс, көше жарығы және "
    "балалар алаңдары басым мәселелер ретінде аталды.",
)


def plan_texts(plan, editor, paragraphs: int) -> dict[str, int]:
    """What a real plan writes besides its tables: the passport's and vision's text, the
    situation analysis (`paragraphs` paragraphs of prose), SWOT by the three focus areas,
    causes and effects of every core problem, and evidence blocks from the indicators app
    (a series chart with its table, a profile table) — so that the document has the pages
    of an approved plan and not only its long tables."""
    from aimaq.indicators.models import Observation
    from aimaq.plans.models import EvidenceKind, FocusArea, ProblemRole
    from aimaq.plans.models import Section as PlanSection
    from aimaq.plans.services import (
        add_evidence,
        add_problem,
        add_swot_item,
        set_section_text,
    )
    from aimaq.testing.indicators import IndicatorFactory

    def prose(count: int, seed: int) -> str:
        return "\n\n".join(
            " ".join(
                ANALYSIS_SENTENCES[(seed + k + j) % len(ANALYSIS_SENTENCES)].format(
                    n=12 + (seed + k * 7 + j) % 80, p=3 + (seed + k + j * 5) % 40
                )
                for j in range(4)
            )
            for k in range(count)
        )

    set_section_text(plan, PlanSection.PASSPORT, prose(2, 1), by=editor)
    set_section_text(plan, PlanSection.VISION, prose(4, 2), by=editor)
    set_section_text(plan, PlanSection.ANALYSIS, prose(paragraphs, 3), by=editor)
    set_section_text(plan, PlanSection.DIRECTIONS, prose(3, 4), by=editor)
    set_section_text(plan, PlanSection.RESOURCES, prose(3, 5), by=editor)
    areas = [FocusArea.ECONOMY, FocusArea.SOCIAL, FocusArea.ENGINEERING]
    for a, area in enumerate(areas):
        for quadrant in "SWOT":
            for n in range(4):
                text = ANALYSIS_SENTENCES[(a + n) % len(ANALYSIS_SENTENCES)].format(
                    n=n + 5, p=a + 9
                )
                add_swot_item(plan, quadrant=quadrant, text=text, focus_area=area, by=editor)
    version = plan.versions.get()
    for core in list(version.problems.filter(role=ProblemRole.CORE)):
        for role in (ProblemRole.CAUSE, ProblemRole.CAUSE, ProblemRole.EFFECT):
            add_problem(plan, text=f"{core.text}: {role.label}", role=role, core=core, by=editor)
    nura, oblast = plan.territory, plan.territory.parent
    for n in range(3):
        indicator = IndicatorFactory(code=f"bench-series-{n}", decimals=1)
        Observation.objects.bulk_create(
            Observation(indicator=indicator, territory=place, period=str(year), value=v)
            for year in range(2014, 2024)
            for place, v in ((nura, 40 + year % 7 + n), (oblast, 50 + year % 5))
        )
        add_evidence(plan, EvidenceKind.SERIES, indicator=indicator, note=prose(1, n), by=editor)
    add_evidence(plan, EvidenceKind.PROFILE, note=prose(1, 9), by=editor)
    return {"analysis paragraphs": paragraphs, "evidence blocks": 4}


def bench_documents(version, editor) -> None:
    """The plan's PDF and DOCX: the 200-action plan above with the texts of a real plan,
    which make it a document of about 40 pages. CPU time is what the rendering costs; the
    wall clock also counts waiting for a busy machine."""
    from aimaq.core.documents import render_docx, render_pdf
    from aimaq.core.documents.readback import pdf_pages
    from aimaq.plans.documents import plan_document

    def timed(call):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        return result, time.perf_counter() - wall, time.process_time() - cpu

    from aimaq.core.documents import Document, Paragraph, Section

    _pdf, wall, cpu = timed(
        lambda: render_pdf(Document("—", "kk", [Section("—", [Paragraph("—")])]))
    )
    print(
        f"  once per process: WeasyPrint loaded and a one-page PDF drawn in {cpu:.2f} s CPU, "
        f"{wall:.2f} s wall (not counted below: a worker pays it once)"
    )
    added = plan_texts(version.plan, editor, paragraphs=ANALYSIS_PARAGRAPHS)
    document, wall, cpu = timed(lambda: plan_document(version, language="kk"))
    blocks = [block for section in document.sections for block in section.blocks]
    cells = sum(len(b.rows) * len(b.headers) for b in blocks if b.kind == "table")
    print(
        f"  the plan's document (kk): 200 actions, 100 indicators, "
        f"{', '.join(f'{v} {k}' for k, v in added.items())}; {len(document.sections)} sections, "
        f"{sum(b.kind == 'paragraph' for b in blocks)} paragraphs, "
        f"{sum(b.kind == 'table' for b in blocks)} tables ({cells} cells), "
        f"{sum(b.kind == 'figure' for b in blocks)} figures; composed in {wall:.2f} s "
        f"({cpu:.2f} s CPU)"
    )
    pdf, wall, cpu = timed(lambda: render_pdf(document))
    pages = len(pdf_pages(pdf))
    target = TARGETS_S["pdf"]
    print(
        f"  PDF:  {pages} pages, {len(pdf) / 1e6:.1f} MB in {cpu:.2f} s CPU, {wall:.2f} s wall"
        f" (target ≤ {target:.0f} s for 40 pages: CPU {'met' if cpu <= target else 'MISSED'},"
        f" wall {'met' if wall <= target else 'MISSED'}); per page {cpu / pages:.3f} s CPU"
    )
    docx, wall, cpu = timed(lambda: render_docx(document))
    target = TARGETS_S["docx"]
    print(
        f"  DOCX: {len(docx) / 1e6:.1f} MB in {cpu:.2f} s CPU, {wall:.2f} s wall"
        f" (target ≤ {target:.0f} s: CPU {'met' if cpu <= target else 'MISSED'},"
        f" wall {'met' if wall <= target else 'MISSED'})"
    )


# --- 2. the national roll-up --------------------------------------------------------------


def national(scale: float, seed: int) -> dict:
    """Territories, plans, goals, outcomes, indicators, targets and published reports in bulk
    (the services would take an hour for 2,300 plans; what they write is the same rows)."""
    from aimaq.accounts.models import Organisation, OrganisationKind
    from aimaq.plans.models import (
        CumulativeRule,
        Direction,
        Frequency,
        Goal,
        MonitoringReport,
        Outcome,
        PeriodTarget,
        Plan,
        PlanIndicator,
        PlanKind,
        PlanVersion,
        ReportPeriodKind,
        ReportStatus,
        ReportValue,
        VersionStatus,
    )
    from aimaq.territories.models import Territory

    rng = random.Random(seed)
    country, _created = Territory.objects.get_or_create(
        kato="000000000",
        defaults={
            "name_kk": "Қазақстан",
            "name_ru": "Казахстан",
            "name_en": "Kazakhstan",
            "level": "country",
            "valid_from": date(1991, 12, 16),
        },
    )
    oblast_codes = [10, 11, 15, 19, 23, 27, 31, 33, 36, 39, 43, 47, 51, 55, 59, 61, 62, 64, 71, 75]
    okrugs_wanted = max(1, round(2300 * scale))
    per_rayon = [okrugs_wanted // 200 + (1 if i < okrugs_wanted % 200 else 0) for i in range(200)]
    oblasts = Territory.objects.bulk_create(
        Territory(
            kato=f"{ab:02d}0000000",
            level="oblast",
            parent=country,
            name_kk=f"Облыс {ab}",
            name_ru=f"Область {ab}",
            name_en=f"Oblast {ab}",
            valid_from=date(1991, 12, 16),
        )
        for ab in oblast_codes
    )
    rayons = Territory.objects.bulk_create(
        Territory(
            kato=f"{oblast.kato[:2]}{30 + r * 2:02d}00000",
            level="rayon",
            parent=oblast,
            name_kk=f"Аудан {oblast.kato[:2]}-{r}",
            name_ru=f"Район {oblast.kato[:2]}-{r}",
            name_en=f"Rayon {oblast.kato[:2]}-{r}",
            valid_from=date(1991, 12, 16),
        )
        for oblast in oblasts
        for r in range(10)
    )
    okrugs = Territory.objects.bulk_create(
        Territory(
            kato=f"{rayon.kato[:4]}{20 + o * 2:02d}000",
            level="rural_okrug",
            parent=rayon,
            name_kk=f"Округ {rayon.kato[:4]}-{o}",
            name_ru=f"Округ {rayon.kato[:4]}-{o}",
            name_en=f"Okrug {rayon.kato[:4]}-{o}",
            valid_from=date(1991, 12, 16),
        )
        for rayon, count in zip(rayons, per_rayon, strict=True)
        for o in range(count)
    )
    units = [*oblasts, *rayons, *okrugs]
    owners = Organisation.objects.bulk_create(
        Organisation(
            kind=OrganisationKind.AKIMAT,
            territory=unit,
            name_kk=f"Әкімдік {unit.kato}",
            name_ru=f"Акимат {unit.kato}",
            name_en=f"Akimat {unit.kato}",
        )
        for unit in units
    )
    plans = Plan.objects.bulk_create(
        Plan(
            kind=PlanKind.TERRITORIAL,
            territory=unit,
            owner=owner,
            start_year=REPORT_YEARS[0],
            end_year=REPORT_YEARS[-1],
            is_published=True,
            name_kk=f"Даму жоспары {unit.kato}",
            name_ru=f"План развития {unit.kato}",
            name_en=f"Development plan {unit.kato}",
        )
        for unit, owner in zip(units, owners, strict=True)
    )
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=plan,
            number=1,
            status=VersionStatus.IN_IMPLEMENTATION,
            is_public=True,
            decision_number="1",
            decision_date=date(REPORT_YEARS[0], 1, 15),
        )
        for plan in plans
    )
    by_territory = {
        plan.territory_id: (plan, version) for plan, version in zip(plans, versions, strict=True)
    }
    goal_rows: list[Goal] = []
    goals_of: dict[int, list[Goal]] = {}
    for level in (oblasts, rayons, okrugs):  # parents first: a goal aligns to one above
        batch = []
        for unit in level:
            _plan, version = by_territory[unit.pk]
            above = (
                goals_of.get(by_territory[unit.parent_id][1].pk)
                if unit.parent_id in by_territory
                else None
            )
            own = [
                Goal(
                    version=version,
                    code=str(g + 1),
                    order=g + 1,
                    name_kk=f"Мақсат {g + 1}",
                    name_en=f"Goal {g + 1}",
                    aligned_to=above[g] if above else None,
                )
                for g in range(5)
            ]
            batch.extend(own)
            goals_of[version.pk] = own
        Goal.objects.bulk_create(batch, batch_size=2000)
        goal_rows.extend(batch)
    outcomes = Outcome.objects.bulk_create(
        (
            Outcome(
                version=goal.version,
                goal=goal,
                code=f"{goal.code}.1",
                name_en="Outcome",
                name_kk="Нәтиже",
            )
            for goal in goal_rows
        ),
        batch_size=2000,
    )
    okrug_versions = {by_territory[unit.pk][1].pk for unit in okrugs}
    indicators = PlanIndicator.objects.bulk_create(
        (
            PlanIndicator(
                version=outcome.version,
                outcome=outcome,
                code=f"{outcome.goal.code}.{i + 1}",
                name_en="People served",
                name_kk="Қызмет алған адамдар",
                unit_kind="number",
                direction=Direction.INCREASE if i % 3 else Direction.DECREASE,
                baseline_value=Decimal(100),
                baseline_year=REPORT_YEARS[0] - 1,
                target_value=Decimal(160) if i % 3 else Decimal(40),
                frequency=Frequency.ANNUAL,
                rule=CumulativeRule.LATEST,
                order=i + 1,
            )
            for outcome in outcomes
            if outcome.version_id in okrug_versions
            for i in range(4)
        ),
        batch_size=2000,
    )
    PeriodTarget.objects.bulk_create(
        (
            PeriodTarget(
                version=indicator.version,
                indicator=indicator,
                period=str(year),
                value=Decimal(
                    100
                    + (20 * (n + 1) if indicator.direction == Direction.INCREASE else -20 * (n + 1))
                ),
            )
            for indicator in indicators
            for n, year in enumerate(REPORT_YEARS)
        ),
        batch_size=5000,
    )
    okrug_plans = [by_territory[unit.pk] for unit in okrugs]
    reports = MonitoringReport.objects.bulk_create(
        (
            MonitoringReport(
                plan=plan,
                version=version,
                period=f"{year}-Q{q}",
                period_kind=ReportPeriodKind.QUARTER,
                status=ReportStatus.PUBLISHED,
                is_published=True,
            )
            for plan, version in okrug_plans
            for year in REPORT_YEARS
            for q in range(1, 5)
        ),
        batch_size=5000,
    )
    indicators_of: dict[int, list] = {}
    for indicator in indicators:
        indicators_of.setdefault(indicator.version_id, []).append(indicator)
    values = (
        ReportValue(
            report=report,
            indicator=indicator,
            value=Decimal(
                100 + rng.randint(-15, 70)
                if indicator.direction == Direction.INCREASE
                else 100 - rng.randint(-15, 70)
            ),
        )
        for report in reports
        for indicator in indicators_of[report.version_id]
    )
    ReportValue.objects.bulk_create(values, batch_size=5000)
    return {
        "plans": plans,
        "okrug_plans": [plan for plan, _v in okrug_plans],
        "reports": len(reports),
    }


def bench_rollup(scale: float, seed: int, repeat: int) -> None:
    from django.db import connection

    from aimaq.plans.models import IndicatorScore, ReportValue
    from aimaq.plans.rollup import national_rollup, territory_rollup
    from aimaq.plans.scorecard import refresh_scores
    from aimaq.territories.models import Territory

    print(f"2. The national roll-up (--scale {scale})")
    started = time.perf_counter()
    world = national(scale, seed)
    print(
        f"  built in {time.perf_counter() - started:.1f} s: {len(world['plans'])} plans "
        f"({len(world['okrug_plans'])} okrug plans × 20 indicators), {world['reports']} published "
        f"reports, {ReportValue.objects.count()} reported values"
    )
    as_of = date(REPORT_YEARS[-1] + 1, 1, 15)
    per_plan: tuple[list[float], list[float]] = ([], [])
    started = time.perf_counter()
    for plan in world["plans"]:
        wall, cpu = timed_ms(lambda plan=plan: refresh_scores(plan, as_of=as_of), 1)
        per_plan[0].extend(wall)
        per_plan[1].extend(cpu)
    print(
        f"  verdicts stored for every plan in {time.perf_counter() - started:.1f} s "
        f"({IndicatorScore.objects.count()} scores; what publishing one report costs:)"
    )
    line("refresh_scores, one plan", per_plan)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    line(
        "national_rollup (every view)",
        timed_ms(national_rollup, max(3, repeat // 5)),
        TARGETS_MS["rollup"],
    )
    country = Territory.objects.get(kato="000000000")
    oblast = country.children.order_by("kato").first()
    rayon = oblast.children.order_by("kato").first()
    for label, unit in (("country", country), ("one oblast", oblast), ("one rayon", rayon)):
        line(
            f"territory_rollup: {label}", timed_ms(lambda unit=unit: territory_rollup(unit), repeat)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 2,300 okrug plans")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per figure")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--skip-documents", action="store_true")
    parser.add_argument("--skip-rollup", action="store_true")
    args = parser.parse_args()
    setup_django(Path(tempfile.mkdtemp(prefix="aimaq-bench-plans-")) / "bench.sqlite3")
    from django.utils import translation

    translation.activate("kk")
    bench_big_plan(args.seed, args.repeat, documents=not args.skip_documents)
    if not args.skip_rollup:
        bench_rollup(args.scale, args.seed, args.repeat)


if __name__ == "__main__":
    main()
