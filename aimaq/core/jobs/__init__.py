"""Background jobs with progress: one model, one worker task, one progress page.

    from aimaq.core.jobs import Job, JobStatus, register_job, enqueue_job, restart_stalled_job

    register_job("documents.profile", render_profile, label=_("Territory profile document"))
    job = enqueue_job("documents.profile", by=request.user, params={...})
    return redirect(job.progress_url)

A runner takes the Job, calls `job.report(done=…, total=…, message=…)` and
`job.attach_output(name, data, content_type)`, and returns a JSON-able result; raising
`JobRefused(message)` ends it refused, any other exception failed. The names are loaded
lazily, so this package may be imported before the models are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .registry import register_job

if TYPE_CHECKING:
    from .models import Job, JobStatus
    from .permissions import FOLLOW
    from .services import (
        JobRefused,
        enqueue_job,
        fail_job,
        finish_job,
        restart_stalled_job,
        run_job,
        start_inline_job,
    )

__all__ = [
    "Job",
    "JobRefused",
    "JobStatus",
    "enqueue_job",
    "fail_job",
    "finish_job",
    "FOLLOW",
    "register_job",
    "restart_stalled_job",
    "run_job",
    "start_inline_job",
]

_LAZY = {
    "Job": "models",
    "JobStatus": "models",
    "JobRefused": "services",
    "enqueue_job": "services",
    "restart_stalled_job": "services",
    "run_job": "services",
    "start_inline_job": "services",
    "finish_job": "services",
    "fail_job": "services",
    "FOLLOW": "permissions",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
