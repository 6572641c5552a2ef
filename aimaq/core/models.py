"""Core's models live with the parts that own them; Django finds them here."""

from aimaq.core.jobs.models import Job, JobStatus

__all__ = ["Job", "JobStatus"]
