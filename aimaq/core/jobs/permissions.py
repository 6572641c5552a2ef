"""Who may see a job and its output."""

from __future__ import annotations

from .models import Job


def may_see_job(user, job: Job) -> bool:
    """The person who started it, and superusers."""
    # PERMISSION: the creator (or a superuser) sees a job; move onto the policy registry.
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or (job.created_by_id is not None and job.created_by_id == user.pk)
