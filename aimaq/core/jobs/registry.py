"""Job kinds: each app registers its runners from `AppConfig.ready()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Job

Runner = Callable[["Job"], Any]


@dataclass(frozen=True)
class JobKind:
    name: str
    runner: Runner
    label: Any  # a (lazily) translated text


_KINDS: dict[str, JobKind] = {}


def register_job(name: str, runner: Runner, *, label: Any) -> None:
    """Makes `runner` the work done for jobs of kind `name` ("app.what"). Registering the
    same runner again (a reloaded app) is harmless; another runner under a taken name is an
    error, so two apps cannot silently share a name."""
    if "." not in name:
        raise ValueError(f"A job kind is namespaced by its app: 'documents.profile', not {name!r}")
    known = _KINDS.get(name)
    if known and known.runner is not runner and _qualname(known.runner) != _qualname(runner):
        raise ValueError(f"Job kind {name!r} is already registered to {_qualname(known.runner)}")
    _KINDS[name] = JobKind(name, runner, label)


def kind(name: str) -> JobKind:
    """The registered kind; LookupError names the known ones."""
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(
            f"Unknown job kind {name!r}; registered: {', '.join(sorted(_KINDS)) or 'none'}"
        ) from None


def label_of(name: str) -> Any:
    found = _KINDS.get(name)
    return found.label if found else name


def _qualname(function: Callable) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', function)}"
