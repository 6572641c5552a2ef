"""Participation statistics of an oblast with 10,000 meetings and 200,000 attendance rows,
on PostgreSQL: the time `selectors.statistics.participation_figures` takes (meetings held,
distinct people, shares of women, youth and vulnerable groups, attendances counted on paper
sheets, the trend by quarter) — the figures a donor project reports. Target ≤ 200 ms.

    eval "$(bin/pg-throwaway start)"
    .venv/bin/python benchmarks/participation_statistics.py
    bin/pg-throwaway stop "$PGTMP"
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from participation_votes import ensure_database, setup_django  # noqa: E402

TARGET_MS = 200.0


def generate(meetings: int, rows: int, seed: int) -> str:
    """One oblast (10 rayons × 10 okrugs, a process each), `meetings` held meetings over
    four years, `rows` named attendances by 40,000 people, a paper sheet's counts on every
    tenth meeting; bulk-written. Returns the oblast's KATO code."""
    from django.core.management import call_command
    from django.db import connection

    from aimaq.participation.models import (
        Attendance,
        AttendanceCount,
        Meeting,
        Participant,
        PlanningProcess,
    )
    from aimaq.territories.models import Level, Territory

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    country, _new = Territory.objects.get_or_create(
        kato="000000000", defaults={"level": Level.COUNTRY, "name_en": "Kazakhstan"}
    )
    oblast = Territory.objects.create(
        kato="350000000", level=Level.OBLAST, name_en="Karaganda", parent=country
    )
    okrugs = []
    for r in range(10):
        rayon = Territory.objects.create(
            kato=f"35{30 + r * 2:02d}00000", level=Level.RAYON, name_en=f"Rayon {r}", parent=oblast
        )
        okrugs += Territory.objects.bulk_create(
            Territory(
                kato=f"35{30 + r * 2:02d}{20 + o * 2:02d}000",
                level=Level.RURAL_OKRUG,
                name_en=f"Okrug {r}.{o}",
                parent=rayon,
            )
            for o in range(10)
        )
    processes = PlanningProcess.objects.bulk_create(
        PlanningProcess(territory=t, name_en=f"Process {t.kato}", is_published=True) for t in okrugs
    )
    start = date(2021, 1, 1)
    made = Meeting.objects.bulk_create(
        Meeting(
            process=processes[n % len(processes)],
            kind="open",
            status="held",
            held_on=start + timedelta(days=rng.randrange(4 * 365)),
            place="Akimat",
            is_published=True,
        )
        for n in range(meetings)
    )
    people_per_okrug = 400
    people = Participant.objects.bulk_create(
        Participant(
            full_name=f"Person {n}",
            residence=okrugs[n // people_per_okrug],
            sex="f" if rng.random() < 0.42 else "m",
            birth_year=rng.randrange(1950, 2006),
        )
        for n in range(people_per_okrug * len(okrugs))
    )
    per_meeting = rows // meetings
    batch: list[Attendance] = []
    for n, meeting in enumerate(made):
        okrug_index = n % len(processes)
        pool = people[okrug_index * people_per_okrug : (okrug_index + 1) * people_per_okrug]
        for person in rng.sample(pool, per_meeting):
            young = (person.birth_year or 1970) > 1988
            vulnerable = rng.random() < 0.15
            batch.append(
                Attendance(
                    meeting=meeting,
                    participant=person,
                    sex=person.sex,
                    age_group="18_34" if young else "35_59",
                    youth=young,
                    vulnerable=vulnerable,
                    pensioner=vulnerable,
                    kato=okrugs[okrug_index].kato,
                    held_on=meeting.held_on,
                )
            )
        if len(batch) >= 20_000:
            Attendance.objects.bulk_create(batch)
            batch = []
    Attendance.objects.bulk_create(batch)
    AttendanceCount.objects.bulk_create(
        AttendanceCount(
            meeting=meeting,
            sex=sex,
            age_group="35_59",
            count=rng.randrange(5, 30),
            kato=okrugs[n % len(processes)].kato,
            held_on=meeting.held_on,
        )
        for n, meeting in enumerate(made)
        if n % 10 == 0
        for sex in ("f", "m")
    )
    # Bulk-written rows bypass the services: build the stored tallies and reach as they
    # would have (timed separately below).
    from aimaq.participation.services.tallies import refresh_everything

    t0 = time.perf_counter()
    refresh_everything()
    print(f"stored tallies and reach rebuilt in {time.perf_counter() - t0:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return oblast.kato


def _server_cpu() -> float:
    """CPU seconds the PostgreSQL backend serving this connection has used (it runs on this
    machine: /proc/<pid>/stat); 0 when it cannot be read."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit('Set DATABASE_URL to a PostgreSQL database (eval "$(bin/pg-throwaway start)").')
    ensure_database(url)
    setup_django()
    from aimaq.accounts.models import User
    from aimaq.participation.models import Attendance, Meeting
    from aimaq.participation.selectors.statistics import Scope, participation_figures

    began = time.perf_counter()
    kato = generate(args.meetings, args.rows, args.seed)
    built = time.perf_counter() - began
    viewer, _new = User.objects.get_or_create(
        username="bench-viewer", defaults={"is_superuser": True}
    )
    scope = Scope(kato=kato)
    participation_figures(viewer, scope)  # warm
    times = []
    cpu = []
    server_before = _server_cpu()
    for _run in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        figures = participation_figures(viewer, scope)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    server_ms = (_server_cpu() - server_before) * 1000 / args.runs
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"data: {Meeting.objects.count()} meetings, {Attendance.objects.count()} attendance rows "
          f"(built in {built:.0f} s)")  # fmt: skip
    print(
        f"figures: {figures.meetings} meetings held, {figures.people} distinct people, "
        f"women {figures.women_share:.1%}, youth {figures.youth_share:.1%}, "
        f"vulnerable {figures.vulnerable_share:.1%}, {figures.attendances} attendances "
        f"({figures.counted_attendances} counted on sheets), {len(figures.trend)} quarters"
    )
    print(
        f"participation_figures(oblast), {args.runs} warm runs: median "
        f"{statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms "
        f"(target ≤ {TARGET_MS:.0f} ms)"
    )
    print(
        f"CPU per call: Django {statistics.median(cpu):.0f} ms (median), PostgreSQL backend "
        f"{server_ms:.0f} ms (mean, from /proc; the wall time also holds waiting for the "
        f"cores of a shared machine, load average {os.getloadavg()[0]:.1f})"
    )
    sys.exit(0 if p95 <= TARGET_MS else 1)


if __name__ == "__main__":
    main()
