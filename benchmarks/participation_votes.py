"""A participatory-budget vote surge through the real voting service, on PostgreSQL.

Worker processes cast ballots through `services.voting.cast_ballot` (the code the online and
paper pages call: rule check, one transaction writing the voter record under its unique
constraint, the ballot and its choices) for --seconds, then the database is counted:
ballots written must equal ballots the service confirmed (0 lost), and no identity may hold
two (0 doubled). With --twice every voter is sent by two workers at the same moment (a double
click on two devices): exactly one ballot each must remain.

Run it on the PostgreSQL `bin/pg-throwaway` starts (it migrates the database it is given):

    eval "$(bin/pg-throwaway start)"
    .venv/bin/python benchmarks/participation_votes.py --seconds 60 --workers 4
    .venv/bin/python benchmarks/participation_votes.py --seconds 60 --workers 4 --twice
    bin/pg-throwaway stop "$PGTMP"
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

TARGET_PER_SECOND = 1_000


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    import django

    django.setup()


def ensure_database(url: str) -> None:
    """Create the database the URL names when the server has only `postgres`."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(projects: int) -> int:
    """Migrate, and make a call in its voting phase with `projects` feasible projects; its id."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from aimaq.accounts.models import User
    from aimaq.participation.models import Participant
    from aimaq.participation.services.budget import (
        create_call,
        publish_call,
        review_project,
        submit_project,
    )
    from aimaq.territories.models import Level, Territory

    call_command("migrate", verbosity=0)
    actor, _new = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    country, _new = Territory.objects.get_or_create(
        kato="000000000", defaults={"level": Level.COUNTRY, "name_en": "Kazakhstan"}
    )
    oblast, _new = Territory.objects.get_or_create(
        kato="630000000",
        defaults={"level": Level.OBLAST, "name_en": "East Kazakhstan", "parent": country},
    )
    city, _new = Territory.objects.get_or_create(
        kato="631010000",
        defaults={"level": Level.CITY_OBLAST, "name_en": "Oskemen", "parent": oblast},
    )
    today = timezone.localdate()
    call = create_call(
        territory=city,
        name={"en": f"Benchmark call {time.time():.0f}"},
        envelope=100_000_000,
        rule="single",
        max_choices=1,
        overflow="skip",
        online_check="phone_code",
        proposals_from=today - timedelta(days=40),
        proposals_to=today - timedelta(days=20),
        review_to=today - timedelta(days=10),
        voting_from=today - timedelta(days=5),
        voting_to=today + timedelta(days=5),
        results_on=today + timedelta(days=10),
        implementation_year=today.year + 1,
        by=actor,
    )
    publish_call(call, by=actor)
    for n in range(projects):
        author = Participant.objects.create(
            full_name=f"Author {n}", residence=city, sex="f", birth_year=1980
        )
        project = submit_project(
            call,
            author=author,
            title=f"Project {n + 1}",
            description="Benchmark",
            author_cost=1_000_000 + n,
            today=today - timedelta(days=30),
            by=actor,
        )
        review_project(
            project,
            feasible=True,
            cost=1_000_000 + n,
            today=today - timedelta(days=15),
            by=actor,
        )
    return call.pk


def backend_cpu() -> float:
    """CPU seconds used so far by the PostgreSQL backend serving Django's connection (it
    runs on this machine: /proc/<pid>/stat); 0 when it cannot be read."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker(call_id: int, iins: list[str], seconds: float, ready: Any, out: mp.Queue) -> None:
    """Cast one ballot per IIN (in order) until the time is up; report receipts, refusals,
    casts per second, and the CPU time this worker and its PostgreSQL backend used."""
    from django.db import connection
    from django.utils import timezone

    from aimaq.participation.identity import verified_voter
    from aimaq.participation.models import BudgetCall
    from aimaq.participation.services.voting import AlreadyVoted, ballot_costs, cast_ballot

    connection.close()
    call = BudgetCall.objects.get(pk=call_id)
    costs = ballot_costs(call)
    projects = sorted(costs)
    today = timezone.localdate()
    voters = [verified_voter(call, iin, method="phone_code", on=today) for iin in iins]
    receipts: list[str] = []
    refused = 0
    per_second: Counter[int] = Counter()
    server_before = backend_cpu()
    ready.wait()  # every worker has its voters hashed before the surge starts
    start_at = time.time()
    cpu_before = time.process_time()
    end = start_at + seconds
    for n, voter in enumerate(voters):
        now = time.time()
        if now >= end:
            break
        try:
            cast = cast_ballot(
                call,
                voter,
                [projects[n % len(projects)]],
                channel="online",
                today=today,
                costs=costs,
            )
        except AlreadyVoted:
            refused += 1
            continue
        receipts.append(cast.receipt)
        per_second[int(time.time() - start_at)] += 1
    cpu = (time.process_time() - cpu_before, backend_cpu() - server_before)
    out.put((receipts, refused, dict(per_second), len(voters), cpu))
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--twice", action="store_true", help="every voter sent twice at once")
    parser.add_argument("--per-worker", type=int, default=40_000, help="voters per worker")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit('Set DATABASE_URL to a PostgreSQL database (eval "$(bin/pg-throwaway start)").')
    ensure_database(url)
    setup_django()
    from django.db import connection

    from aimaq.participation.models import Ballot, BallotChoice, VoterRecord
    from aimaq.participation.voters import iins

    call_id = prepare(projects=5)
    lanes = args.workers // 2 if args.twice else args.workers
    stream = iins()
    slices = [[next(stream) for _ in range(args.per_worker)] for _lane in range(lanes)]
    connection.close()
    out: mp.Queue = mp.Queue()
    ready = mp.Barrier(args.workers)
    processes = []
    for w in range(args.workers):
        lane = w // 2 if args.twice else w
        processes.append(
            mp.Process(target=worker, args=(call_id, slices[lane], args.seconds, ready, out))
        )
    for p in processes:
        p.start()
    results = [out.get() for _p in processes]
    for p in processes:
        p.join()
    receipts = [r for rec, *_ in results for r in rec]
    refused = sum(r[1] for r in results)
    per_second: Counter[int] = Counter()
    for *_rest, seconds, _n, _cpu in results:
        per_second.update(seconds)
    client_cpu = sum(r[4][0] for r in results)
    server_cpu = sum(r[4][1] for r in results)

    voters = VoterRecord.objects.filter(call_id=call_id)
    ballots = Ballot.objects.filter(call_id=call_id)
    stored = set(ballots.values_list("receipt", flat=True))
    written = ballots.count()
    distinct_people = voters.values("identity_hash").distinct().count()
    lost = len(set(receipts) - stored)
    doubled = voters.count() - distinct_people + max(0, written - len(receipts))
    choices = BallotChoice.objects.filter(ballot__call_id=call_id).count()
    full = [per_second.get(s, 0) for s in range(int(args.seconds))]
    rate = len(receipts) / args.seconds
    print(f"mode: {'every voter twice at once' if args.twice else 'one attempt per voter'}")
    print(f"workers: {args.workers}, seconds: {args.seconds:.0f}, cores: {os.cpu_count()}")
    print(f"ballots confirmed by the service: {len(receipts)}; refused as already voted: {refused}")
    print(
        f"ballots in the database: {written}; voter records: {voters.count()}; choices: {choices}"
    )
    print(f"lost: {lost}; doubled: {doubled}")
    if args.twice:
        attempted = written + refused
        print(f"voters reached: {distinct_people}; attempts: {attempted}; one ballot each: "
              f"{written == distinct_people}")  # fmt: skip
    print(
        f"ballots/s: mean {rate:.0f}, median second {statistics.median(full or [0]):.0f}, "
        f"slowest second {min(full or [0])}, fastest {max(full or [0])} "
        f"(target ≥ {TARGET_PER_SECOND} sustained)"
    )
    if receipts:
        per_ballot = (client_cpu + server_cpu) / len(receipts)
        print(
            f"CPU per ballot: Django {client_cpu / len(receipts) * 1e3:.2f} ms + PostgreSQL "
            f"{server_cpu / len(receipts) * 1e3:.2f} ms = {per_ballot * 1e3:.2f} ms, i.e. "
            f"{1 / per_ballot:.0f} ballots per CPU-second; this machine has {os.cpu_count()} "
            f"cores, load average {os.getloadavg()[0]:.1f} (shared with other work)"
        )
    ok = lost == 0 and doubled == 0 and written == len(receipts) == distinct_people
    print("integrity:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
