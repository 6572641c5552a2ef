"""Throughput of the public evidence-base pages under 32 clients, against a bare view.

Serves the project from N pre-forked worker processes (a WSGI server from the standard
library on one shared socket: no dependency; each worker one request at a time, like a sync
gunicorn worker) and drives it from 32 client threads over loopback for a few seconds per
address. Prints requests per second for each address and its share of a bare Django view
that runs one query through the same middleware (the goal: anonymous public pages and
public API answers at ≥ 50 % of it), with persistent SQLite connections (CONN_MAX_AGE 60)
and without (0). Also the servers' CPU seconds per request, since the machine may be
shared: throughput on a loaded machine says less than the CPU a request costs.

    .venv/bin/python benchmarks/indicators_load.py --db /tmp/bench.sqlite3   # built by
        benchmarks/indicators_queries.py --db /tmp/bench.sqlite3 --scale 0.1
    .venv/bin/python benchmarks/indicators_load.py            # builds a small one (slow)

Visitors who send the page's ETag back get 304 without the page being built ("revalidate"
lines); first visits are served from the page store (aimaq/indicators/caching.py) once a
worker has built the page, as happens when many visitors read the same pages.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

CLIENTS = 32
TARGET_SHARE = 0.5


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def bare(request):  # a view with one query, through the same middleware
    from django.http import HttpResponse

    from aimaq.territories.models import Territory

    return HttpResponse(str(Territory.objects.filter(pk=1).exists()))


def setup(db_path: Path, conn_max_age: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.pop("DATABASE_URL", None)
    os.environ["AIMAQ_SQLITE_PATH"] = str(db_path)
    os.environ["AIMAQ_DB_CONN_MAX_AGE"] = str(conn_max_age)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimaq.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def _urlpatterns():
    from django.urls import include, path

    return [path("bare/", bare), path("", include("aimaq.urls"))]


def __getattr__(name: str):  # the URLconf, built when Django asks for it
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


def serve(workers: int) -> tuple[int, list[int]]:
    """Forks `workers` processes serving one listening socket; returns (port, pids)."""
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    application = get_wsgi_application()
    server = WSGIServer(("127.0.0.1", 0), QuietHandler)
    server.request_queue_size = 128
    server.socket.listen(128)
    server.set_app(application)
    connections.close_all()
    pids = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            try:
                server.serve_forever()
            finally:
                os._exit(0)
        pids.append(pid)
    server.socket.close()
    return server.server_address[1], pids


def workers_cpu(pids: list[int]) -> float:
    """CPU seconds the workers have used so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def drive(port: int, path: str, seconds: float, headers: str = "") -> tuple[int, int]:
    """(responses, errors) from CLIENTS threads asking for `path` for `seconds`."""
    request = (
        f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Language: ru\r\n{headers}\r\n"
    ).encode()
    stop = time.perf_counter() + seconds
    counts = [0] * CLIENTS
    errors = [0] * CLIENTS

    def client(n: int) -> None:
        while time.perf_counter() < stop:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
                    conn.sendall(request)
                    head = conn.recv(65536)
                    while conn.recv(65536):
                        pass
                if head.startswith((b"HTTP/1.0 200", b"HTTP/1.0 304")):
                    counts[n] += 1
                else:
                    errors[n] += 1
            except OSError:
                errors[n] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), sum(errors)


def measure(
    port: int, pids: list[int], seconds: float, name: str, path: str, headers: str = ""
) -> tuple[str, str, float, int, float]:
    """(name, path, requests per second, errors, workers' CPU ms per request)."""
    started = workers_cpu(pids)
    done, errors = drive(port, path, seconds, headers)
    cpu_ms = (workers_cpu(pids) - started) * 1000 / max(done, 1)
    return name, path, done / seconds, errors, cpu_ms


def etag_of(port: int, path: str) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Language: ru\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    for line in data.split(b"\r\n\r\n")[0].split(b"\r\n"):
        if line.lower().startswith(b"etag:"):
            return line.split(b":", 1)[1].strip().decode()
    return ""


def addresses() -> list[tuple[str, str]]:
    from django.db import connections

    from aimaq.indicators.models import Indicator
    from aimaq.territories.models import Territory

    rayon = Territory.objects.filter(level="rayon").order_by("kato").first()
    oblast = Territory.objects.filter(level="oblast").order_by("kato").first()
    code = Indicator.objects.order_by("pk").values_list("code", flat=True).first()
    connections.close_all()
    assert rayon and oblast and code, "the database has territories and indicators"
    return [
        ("bare view, one query", "/bare/"),
        ("home page", "/"),
        ("profile page (a rayon)", f"/indicators/profile/{rayon.kato}/"),
        ("map page (an oblast's rayons)", f"/indicators/map/{code}/?parent={oblast.kato}"),
        ("public API: profile", f"/api/indicators/profile/{rayon.kato}"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite file built by indicators_queries.py")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()

    workdir = None
    if args.db:
        db_path = Path(args.db)
    else:
        workdir = tempfile.TemporaryDirectory(prefix="aimaq-load-")
        db_path = Path(workdir.name) / "bench.sqlite3"
    for conn_max_age in (0, 60):
        pid = os.fork()  # each setting in a fresh process: settings are read at start
        if pid:
            os.waitpid(pid, 0)
            continue
        setup(db_path, conn_max_age)
        if not db_path.exists():
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from indicators_queries import generate

            generate(0.02, 20240901)
        port, pids = serve(args.workers)
        lines: list[tuple[str, str, float, int, float]] = []
        try:
            for name, path in addresses():
                drive(port, path, 1.0)  # warm: workers built, page stored
                lines.append(measure(port, pids, args.seconds, name, path))
                tag = etag_of(port, path) if not path.startswith("/bare/") else ""
                if tag:
                    header = f"If-None-Match: {tag}\r\n"
                    name += ", revalidate (ETag)"
                    lines.append(measure(port, pids, args.seconds, name, path, header))
        finally:
            for worker in pids:
                os.kill(worker, signal.SIGTERM)
            for worker in pids:
                os.waitpid(worker, 0)
        print(f"\nCONN_MAX_AGE={conn_max_age}: {args.workers} workers, {CLIENTS} clients, "
              f"{args.seconds:.0f} s per address, load average {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} CPUs")  # fmt: skip
        bare_rate = lines[0][2] or 1.0
        print(f"{'address':44} {'req/s':>8} {'share':>7} {'CPU ms/req':>11} {'errors':>7}")
        for name, _path, rate, errors, cpu_ms in lines:
            print(f"{name:44} {rate:>8.0f} {rate / bare_rate:>6.0%} {cpu_ms:>11.1f} {errors:>7}")
        missed = [
            n
            for n, p, r, _e, _c in lines
            if not p.startswith("/bare/") and r / bare_rate < TARGET_SHARE
        ]
        print("target ≥ 50 % of the bare view: " + ("met" if not missed else "NOT met: " + "; ".join(missed)))  # fmt: skip
        os._exit(0)
    if workdir:
        workdir.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
