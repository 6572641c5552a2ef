"""Which process runs a job, and whether it still does: the basis of "run it again"."""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from django.conf import settings


def this_process() -> str:
    """ "host:pid" of the running process, recorded on the work it takes."""
    return f"{socket.gethostname()}:{os.getpid()}"


def process_alive(label: str) -> bool:
    """Whether the process `this_process()` named, on this machine, still runs. A process of
    another machine (or no label) counts as gone: there, only time can tell."""
    host, _sep, pid = (label or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def _duration(name: str, default: timedelta) -> timedelta:
    value = getattr(settings, name, default)
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def stalled_after() -> timedelta:
    """How long work may show no sign of life before it counts as stalled (when its worker
    is gone too): longer than any job takes between two progress reports."""
    return _duration("AIMAQ_JOB_STALLED_AFTER", timedelta(minutes=15))


def worker_late_after() -> timedelta:
    """How long a queued job waits before the page asks whether a worker runs at all."""
    return _duration("AIMAQ_JOB_WORKER_LATE_AFTER", timedelta(minutes=2))
