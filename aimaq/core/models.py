"""Models of the shared parts (each lives with its part; Django finds them here)."""

from .activity.models import ActionLogEntry

__all__ = ["ActionLogEntry"]
