"""Time of a large grant competition's committee work (issue 20's speed targets).

Builds, in a temporary SQLite database, a competition with 1,000 submitted applications in
two rayons of two oblasts, 15 voting members (five per interest group), 8 weighted criteria
(two of them tie-breakers), a reserved share for one rayon, a cap and an award count for the
other, and a priority group with bonus points and a reserved share; every member scores
every application (15,000 sheets, 120,000 scores). Then times, warm, the median of a few runs:

1. ranking and selection within the fund with the quotas, under each remainder rule
   (stop / skip / reduced grant): the rules alone; the committee's table read from the
   database (the per-application score summaries, gates, quotas; the best use left out);
   and the committee's ranking page answered whole (a GET through Django's test client:
   permissions, the table, the template), the best use being a request of its own;
2. the exact best use of the fund (HiGHS through scipy.optimize.milp), skip and reduce: the
   rule alone, and the committee's best-use page answered whole (the table, the best use,
   the differences, the template);
3. the protocol: the draft decision written, then composed and rendered to PDF (1,000 rows).

Targets: ranking + selection ≤ 200 ms, best use (and its page) ≤ 2 s, protocol PDF ≤ 10 s. Prints wall
clock and CPU seconds (the CPU figure is what it costs on a quiet machine).

    .venv/bin/python benchmarks/grants_selection.py
    .venv/bin/python benchmarks/grants_selection.py --applications 200 --runs 3
    .venv/bin/python benchmarks/grants_selection.py --database /tmp/grants.sqlite3  # kept
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

TARGETS = {
    "selection": 0.200,
    "ranking page": 0.200,
    "best use": 2.0,
    "best-use page": 2.0,
    "protocol PDF": 10.0,
}
GROUPS = ("public", "business", "civil")
CRITERIA = (
    # code, weight, tie-break order
    ("novelty", "2", 1),
    ("plan", "3", 2),
    ("equipment", "1", None),
    ("jobs", "2", None),
    ("need", "2", None),
    ("market", "1", None),
    ("team", "1", None),
    ("own", "1", None),
)


def setup_django(db_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.pop("DATABASE_URL", None)
    os.environ["AIMAQ_SQLITE_PATH"] = str(db_path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    import django

    django.setup()


def timed(call: Callable[[], Any], runs: int = 1) -> tuple[Any, float, float]:
    """The result of the last run, and the median wall clock and CPU seconds."""
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, statistics.median(walls), statistics.median(cpus)


def build(size: int, members: int, seed: int) -> tuple[Any, list[Any], Any]:
    """The competition, its members and a superuser, written in bulk."""
    from django.core.management import call_command
    from django.utils import timezone

    from aimaq.accounts.models import User
    from aimaq.grants.demo import demo_iin
    from aimaq.grants.models import (
        Application,
        BudgetLine,
        Channel,
        CommitteeMember,
        Competition,
        Criterion,
        GateResult,
        PriorityGroup,
        Quota,
        Score,
        ScoreSheet,
        Status,
    )
    from aimaq.grants.services.summaries import refresh_summaries
    from aimaq.testing.territories import small_tree

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    tree = small_tree()
    now = timezone.now()
    fund = 300 * size * 1_000  # about a third of what is asked for
    competition = Competition.objects.create(
        name_kk="Үлкен байқау", name_ru="Большой конкурс", name_en="Large competition",
        territory=tree["country"], fund=fund, min_budget=500_000, max_budget=1_200_000,
        own_share_min=Decimal(10), own_share_max=Decimal(20),
        applicant_types=["ie", "small_business", "potential"], min_total=Decimal(30),
        quorum=members // 2 + 1, announced_on=(now - timezone.timedelta(days=40)).date(),
        opens_at=now - timezone.timedelta(days=30), closes_at=now - timezone.timedelta(days=1),
        remainder_rule="skip", is_published=True,
    )  # fmt: skip
    competition.eligible_territories.set([tree["nura"], tree["glubokoe"]])
    Quota.objects.create(competition=competition, territory=tree["nura"], reserved=fund // 3)
    Quota.objects.create(
        competition=competition, territory=tree["glubokoe"], cap=fund * 3 // 4,
        max_awards=size // 4,
    )  # fmt: skip
    youth = PriorityGroup.objects.create(
        competition=competition, code="youth", bonus=Decimal(2), reserved=fund // 20,
        name_kk="Жастар", name_ru="Молодёжь", name_en="Youth",
    )  # fmt: skip
    criteria = [
        Criterion.objects.create(
            competition=competition,
            code=code,
            weight=Decimal(weight),
            max_score=10,
            order=order,
            tie_break=tie,
            name_kk=code,
            name_ru=code,
            name_en=code.title(),
        )  # fmt: skip
        for order, (code, weight, tie) in enumerate(CRITERIA)
    ]
    seats = []
    for index in range(members):
        user = User.objects.create(
            username=f"member{index}", first_name="Member", last_name=str(index)
        )
        seats.append(CommitteeMember.objects.create(
            competition=competition, user=user, role="chair" if index == 0 else "member",
            interest_group=GROUPS[index % 3],
        ))  # fmt: skip
    places = [tree["zharaspai"], tree["nura"], tree["glubokoe"]]
    applications = Application.objects.bulk_create(
        Application(
            competition=competition,
            case_number=f"G-{n:04d}",
            channel=Channel.ONLINE,
            status=Status.SUBMITTED,
            applicant_type="ie",
            applicant_name=f"Applicant {n}",
            business_name=f"Business {n}",
            territory=places[n % 3],
            sector="services",
            description=f"Project {n}",
            iin=demo_iin(n + 1),
            language="ru",
            requested=rng.randrange(450_000, 1_080_000, 1_000),
            submitted_at=now - timezone.timedelta(days=2, minutes=n),
        )  # fmt: skip
        for n in range(size)
    )
    lines = []
    for application in applications:
        own = application.requested * 15 // 85
        application.own_contribution = own
        application.total_cost = application.requested + own
        lines.append(BudgetLine(
            application=application, item="Equipment", quantity=1,
            unit_cost=application.total_cost, requested=application.requested, own=own,
        ))  # fmt: skip
    Application.objects.bulk_update(applications, ["own_contribution", "total_cost"])
    BudgetLine.objects.bulk_create(lines)
    Application.priority_groups.through.objects.bulk_create(
        Application.priority_groups.through(application_id=a.pk, prioritygroup_id=youth.pk)
        for a in applications[::7]
    )
    GateResult.objects.bulk_create(
        GateResult(application=a, gate=gate, passed=True, judged_at=now)
        for a in applications
        for gate in ("formal", "eligibility")
    )
    quality = {a.pk: rng.uniform(3, 9) for a in applications}
    sheets = [
        ScoreSheet(application=a, member=m, submitted_at=now) for a in applications for m in seats
    ]
    given = {}
    for sheet in sheets:
        values = {
            c.code: max(0, min(10, round(rng.gauss(quality[sheet.application_id], 1.2))))
            for c in criteria
        }
        sheet.values = {code: value * 10 for code, value in values.items()}  # tenths
        given[id(sheet)] = values
    ScoreSheet.objects.bulk_create(sheets, batch_size=5_000)
    Score.objects.bulk_create(
        (
            Score(sheet=sheet, criterion=c, value=Decimal(given[id(sheet)][c.code]))
            for sheet in sheets
            for c in criteria
        ),
        batch_size=5_000,
    )
    refresh_summaries(competition)  # what save_sheet keeps per application, here in bulk
    boss = User.objects.create(username="chair-of-the-benchmark", is_superuser=True, is_staff=True)
    return competition, seats, boss


def ranking_page(competition: Any, person: Any, page: str = "ranking/") -> Callable[[], bytes]:
    """A call that fetches a committee page (the ranking unless told) as `person` (signed
    in once)."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(person)

    def fetch() -> bytes:
        response = client.get(f"/grants/{competition.pk}/{page}")
        assert response.status_code == 200, response.status_code
        return response.content

    return fetch


def existing() -> tuple[Any, list[Any], Any]:
    """The competition a previous run built in the same file."""
    from django.core.management import call_command

    from aimaq.accounts.models import User
    from aimaq.grants.models import Competition, Decision

    call_command("migrate", verbosity=0)  # a file built before a later migration (fills it)
    competition = Competition.objects.get(name_en="Large competition")
    Decision.objects.filter(competition=competition).delete()  # drafted again below
    seats = list(competition.members.order_by("pk"))
    return competition, seats, User.objects.get(username="chair-of-the-benchmark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=1_000)
    parser.add_argument("--members", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument(
        "--database", type=Path, help="an SQLite file a previous run built (kept; not rebuilt)"
    )
    args = parser.parse_args()
    reuse = args.database is not None and args.database.exists()
    setup_django(
        args.database or Path(tempfile.mkdtemp(prefix="aimaq-bench-grants-")) / "bench.sqlite3"
    )

    from dataclasses import replace

    from aimaq.core.documents.readback import pdf_pages
    from aimaq.grants.documents import protocol_document, render_protocol
    from aimaq.grants.rules.bestuse import best_use
    from aimaq.grants.rules.selection import select
    from aimaq.grants.selectors.ranking import competition_rows, selection_rules
    from aimaq.grants.services.decision import draft_decision

    started = time.perf_counter()
    if reuse:
        competition, seats, boss = existing()
    else:
        competition, seats, boss = build(args.applications, args.members, args.seed)
    print(
        f"competition: {competition.applications.count():,} applications, {len(seats)} members, "
        f"{len(CRITERIA)} criteria, {competition.applications.count() * len(seats):,} sheets, "
        f"fund {competition.fund:,} tenge (built in {time.perf_counter() - started:.0f} s)"
    )
    results: dict[str, float] = {}

    table, wall, cpu = timed(lambda: competition_rows(competition, with_best_use=False), args.runs)
    candidates = [row for row in table.rows if row.rank is not None]
    print(
        f"committee table from the database (scores, gates, quotas, rank, selection): "
        f"{wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms — {len(candidates)} fundable, "
        f"{len(table.selection.funded)} funded, remainder {table.selection.remainder:,} tenge"
    )
    results["selection"] = cpu
    fetch = ranking_page(competition, boss)
    fetch()  # warm: the first request also loads the templates and translations
    page, wall, cpu = timed(fetch, args.runs)
    print(
        f"the ranking page, answered whole (GET /grants/{competition.pk}/ranking/): "
        f"{wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms — {len(page) / 1024:.0f} KiB of HTML"
    )
    results["ranking page"] = cpu
    rules = selection_rules(competition)
    pool = table.candidates
    for rule in ("stop", "skip", "reduce"):
        chosen = replace(rules, rule=rule)
        selection, wall, cpu = timed(lambda chosen=chosen: select(pool, chosen), args.runs)
        print(
            f"  ranking + selection alone, rule {rule}: {wall * 1000:.1f} ms, CPU "
            f"{cpu * 1000:.1f} ms — {len(selection.funded)} funded, "
            f"{selection.total:,} tenge, total score {selection.total_score}"
        )
    best_use(pool, rules)  # warm: the first call also imports scipy.optimize (about 0.5 s)
    for rule in ("skip", "reduce"):
        chosen = replace(rules, rule=rule)
        best, wall, cpu = timed(lambda chosen=chosen: best_use(pool, chosen), args.runs)
        ranking_score = select(pool, chosen).total_score
        print(
            f"best use of the fund (HiGHS), rule {rule}: {wall:.2f} s, CPU {cpu:.2f} s — "
            f"{len(best.funded)} funded, total score {best.total_score} "
            f"(the ranking: {ranking_score}; left on the table {best.total_score - ranking_score})"
        )
        results["best use"] = max(results.get("best use", 0.0), cpu)
        competition.remainder_rule = rule
        competition.save(update_fields=["remainder_rule"])
        fetch = ranking_page(competition, boss, "ranking/best-use/")
        page, wall, cpu = timed(fetch, max(1, args.runs // 2))
        print(
            f"  the best-use page answered whole (GET /grants/{competition.pk}/ranking/best-use/,"
            f" rule {rule}): {wall:.2f} s, CPU {cpu:.2f} s — {len(page) / 1024:.0f} KiB"
        )
        results["best-use page"] = max(results.get("best-use page", 0.0), cpu)
    competition.remainder_rule = rules.rule
    competition.save(update_fields=["remainder_rule"])

    decision, wall, cpu = timed(lambda: draft_decision(competition, by=boss, present=seats))
    print(
        f"draft decision written ({decision.lines.count():,} lines): {wall:.2f} s, CPU {cpu:.2f} s"
    )
    document, wall_doc, cpu_doc = timed(
        lambda: protocol_document(decision, viewer=None, language="ru")
    )
    data, wall_pdf, cpu_pdf = timed(lambda: render_protocol(document))
    print(
        f"protocol PDF (ru): composed {wall_doc:.2f} s, rendered {wall_pdf:.2f} s "
        f"(CPU {cpu_doc + cpu_pdf:.2f} s), {len(pdf_pages(data))} pages, {len(data) / 1024:.0f} KiB"
    )
    results["protocol PDF"] = cpu_doc + cpu_pdf
    print(
        "\nagainst the targets, in CPU seconds (the wall clock above also counts a busy machine):"
    )
    for name, target in TARGETS.items():
        verdict = "within" if results[name] <= target else "OVER"
        shown = f"{results[name] * 1000:.0f} ms" if target < 1 else f"{results[name]:.2f} s"
        limit = f"{target * 1000:.0f} ms" if target < 1 else f"{target:.0f} s"
        print(f"{name:>13}: {shown:>9}  target ≤ {limit:<7} {verdict}")


if __name__ == "__main__":
    main()
