"""The domain action log: who approved, scored, published what, and when.

Row snapshots (django-simple-history) say *what* a row looked like; this log says *what
happened* in the domain's words — "approved the plan", "declared a conflict of interest" —
the way pretix's `log_action` does. Apps declare their events once and log them from their
services, inside the transaction that makes the change:

    APPROVED = declare_event("plans.approved", _("approved the plan"))
    log_action(plan, APPROVED, by=request.user, data={"decision": "12/3"})

`timeline(obj)` merges both into one history in people's words (the
`core/partials/timeline.html` partial shows it). Bulk work that logs hundreds of events (a
demo load) runs inside `with logged_together():`, which writes them in a few INSERTs. `data` holds facts about the decision,
never personal data (IIN, phone, address, votes): the log is read by officials and
auditors.
"""

from .events import UnknownEvent, declare_event, declared_events
from .services import attribute_to, log_action, logged_together
from .timeline import TimelineEntry, timeline

__all__ = [
    "TimelineEntry",
    "UnknownEvent",
    "attribute_to",
    "declare_event",
    "declared_events",
    "log_action",
    "logged_together",
    "timeline",
]
