"""Demo monitoring: Zharaspai's yearly reports (the connected residents and the invited
doctor and nurse are facts of the sources), and a year of quarterly reports on the East
Kazakhstan programme with a mid-term evaluation whose recommendations are being followed up.

Reports and evaluations are documents written in one language (their texts have no
translations); the demo writes them in Russian."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from aimaq.accounts.models import Organisation, OrganisationKind

from .models import (
    ActionStatus,
    Criterion,
    FundingSource,
    Plan,
    Rating,
    ResponseKind,
)
from .services.evaluation import (
    add_evaluation,
    add_recommendation,
    close_recommendation,
    follow_up,
    publish_evaluation,
    respond,
)
from .services.monitoring import (
    ActualEntry,
    ProgressEntry,
    publish_report,
    save_report,
    start_report,
    submit_report,
)


def _report(
    plan: Plan,
    period: str,
    actor: Any,
    values: dict[str, Decimal],
    progress: dict[str, tuple[str, int]],
    spending: dict[str, int],
    sources: dict[str, FundingSource],
    narrative: str,
    risks: str = "",
) -> None:
    report = start_report(plan, period, by=actor, is_demo=True)
    by_code = {
        row.indicator.code: row.indicator_id for row in report.values.select_related("indicator")
    }
    actions = {
        row.action.code: row.action_id for row in report.action_progress.select_related("action")
    }
    save_report(
        report,
        by=actor,
        actuals={
            by_code[code]: ActualEntry(value) for code, value in values.items() if code in by_code
        },
        progress={
            actions[code]: ProgressEntry(status, done)
            for code, (status, done) in progress.items()
            if code in actions
        },
        spending={sources[code].pk: amount for code, amount in spending.items()},
        narrative=narrative,
        risks=risks,
    )
    submit_report(report, by=actor)
    publish_report(report, by=actor)


def monitor_zharaspai(plan: Plan, actor: Any, sources: dict[str, FundingSource]) -> None:
    # Indicator 1: residents with mobile access (560 in 2018: a fact); 2: medical staff (a
    # doctor and a nurse: a fact); 3: new service outlets (demo).
    _report(
        plan,
        "2018",
        actor,
        {"1": Decimal(560), "2": Decimal(2), "3": Decimal(0)},
        {"1": (ActionStatus.DONE, 100), "2": (ActionStatus.DONE, 100)},
        {"private": 3_500_000, "okrug-budget": 1_100_000},
        sources,
        "В январе 2018 года Beeline подключил Жараспай: у 560 жителей есть мобильная связь. "
        "В амбулатории работают врач и медсестра из Восточного Казахстана.",
    )
    _report(
        plan,
        "2019",
        actor,
        {"1": Decimal(0), "2": Decimal(2), "3": Decimal(1)},
        {"3": (ActionStatus.DONE, 100), "4": (ActionStatus.DELAYED, 40)},
        {"private": 2_700_000, "okrug-budget": 450_000},
        sources,
        "Аптека открыта (демо); парикмахерская задерживается (демо).",
        "Ищем арендатора для парикмахерской (демо).",
    )


def monitor_east(plan: Plan, actor: Any, sources: dict[str, FundingSource]) -> None:
    """2025 Q1–Q4: poverty rate (latest), people placed in jobs (period sums), applications
    handled on time (latest); then a mid-term evaluation with three recommendations."""
    quarters = (
        ("2025-Q1", Decimal("4.5"), Decimal(280), Decimal(87), 30),
        ("2025-Q2", Decimal("4.4"), Decimal(310), Decimal(89), 45),
        ("2025-Q3", Decimal("4.4"), Decimal(190), Decimal(90), 55),
        ("2025-Q4", Decimal("4.3"), Decimal(240), Decimal(91), 60),
    )
    for period, poverty, jobs, on_time, done in quarters:
        _report(
            plan,
            period,
            actor,
            {"1": poverty, "2": jobs, "3": on_time},
            {
                "1": (ActionStatus.IN_PROGRESS, done),
                "2": (ActionStatus.IN_PROGRESS, done + 10),
                "3": (ActionStatus.DELAYED, min(done + 20, 90)),
            },
            {"oblast-budget": 12_000_000, "loan": 30_000_000},
            sources,
            f"Демо-отчёт за {period}: ярмарки вакансий прошли во всех районах, выданы микрокредиты.",
            "Сезонные рабочие места заканчиваются в четвёртом квартале (демо).",
        )
    _evaluate(plan, actor)


def _evaluate(plan: Plan, actor: Any) -> None:
    ratings: dict[str, tuple[int, str]] = {
        Criterion.RELEVANCE: (
            Rating.HIGHLY_SATISFACTORY,
            "Бедность — первая забота жителей области по опросу 2024 года (демо).",
        ),
        Criterion.COHERENCE: (
            Rating.SATISFACTORY,
            "Согласована с государственной программой занятости (демо).",
        ),
        Criterion.EFFECTIVENESS: (
            Rating.SATISFACTORY,
            "Бедность снизилась с 4,6 % до 4,3 % в 2025 году (демо-цифры).",
        ),
        Criterion.EFFICIENCY: (
            Rating.UNSATISFACTORY,
            "Сервис «одного окна» запаздывает и превысил бюджет (демо).",
        ),
        Criterion.IMPACT: (
            Rating.SATISFACTORY,
            "В 2025 году трудоустроены 1 020 человек (демо).",
        ),
        Criterion.SUSTAINABILITY: (
            Rating.UNSATISFACTORY,
            "Микрокредиты зависят от одного займа (демо).",
        ),
    }
    evaluation = add_evaluation(
        plan,
        title="Промежуточная оценка программы снижения бедности (демо)",
        evaluator="Региональный учебный центр, отдел оценки (демо)",
        completed_on=date(2026, 3, 20),
        summary="Демо-оценка: программа актуальна и идёт по плану; отстаёт оказание услуг.",
        ratings=ratings,
        by=actor,
        is_demo=True,
    )
    publish_evaluation(evaluation, by=actor)
    owner = (
        Organisation.objects.filter(kind=OrganisationKind.AKIMAT, territory=plan.territory).first()
        or plan.owner
    )
    done = add_recommendation(
        evaluation,
        text="Публиковать квартальные показатели программы на сайте области.",
        owner=owner,
        deadline=date(2026, 6, 30),
        by=actor,
    )
    respond(
        done,
        response=ResponseKind.ACCEPTED,
        text="Публикуются со второго квартала 2026 года.",
        by=actor,
    )
    follow_up(
        done, note="Показатели опубликованы на сайте акимата.", on=date(2026, 5, 15), by=actor
    )
    close_recommendation(done, by=actor)
    late = add_recommendation(
        evaluation,
        text="Завершить сервис «одного окна» во всех центрах обслуживания населения.",
        owner=owner,
        deadline=date(2026, 9, 30),
        by=actor,
    )
    respond(
        late,
        response=ResponseKind.PARTLY,
        text="Сделано в областном центре; в районах — в 2027 году.",
        by=actor,
    )
    follow_up(late, note="Подключены четыре района из девяти.", on=date(2026, 8, 1), by=actor)
    later = add_recommendation(
        evaluation,
        text="Найти второй источник микрокредитов до окончания займа.",
        owner=owner,
        deadline=date(2027, 3, 31),
        by=actor,
    )
    follow_up(later, note="Начаты переговоры с банком развития.", on=date(2026, 10, 1), by=actor)


MONITORS = {"355243000": monitor_zharaspai, "630000000": monitor_east}
