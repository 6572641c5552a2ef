"""Models of the shared parts (each lives with its part; Django finds them here)."""

from .activity.models import ActionLogEntry
from .attachments.models import Attachment
from .jobs.models import Job, JobStatus
from .submissions.models import Submission
from .workdays.models import WorkingDayChange

__all__ = ["ActionLogEntry", "Attachment", "Job", "JobStatus", "Submission", "WorkingDayChange"]
