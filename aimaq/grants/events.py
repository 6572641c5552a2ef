"""What the action log says happened in a competition (read after the person's name)."""

from django.utils.translation import gettext_lazy as _

from aimaq.core.activity import declare_event

CALL_PUBLISHED = declare_event("grants.call_published", _("published the call"))
SUBMITTED = declare_event("grants.submitted", _("submitted the application"))
PAPER_ENTERED = declare_event("grants.paper_entered", _("entered the application from paper"))
PAPER_CONFIRMED = declare_event("grants.paper_confirmed", _("confirmed the paper entry"))
WITHDRAWN = declare_event("grants.withdrawn", _("withdrew the application"))
DOCUMENT_ATTACHED = declare_event("grants.document_attached", _("attached a document"))
JUDGED = {
    "formal": declare_event("grants.formal_judged", _("checked the formal requirements")),
    "eligibility": declare_event("grants.eligibility_judged", _("checked eligibility")),
    "minimum": declare_event("grants.minimum_judged", _("checked the minimum criteria")),
    "scoring": declare_event("grants.scoring_judged", _("recorded the scoring result")),
}
OVERRIDDEN = {
    "formal": declare_event("grants.formal_overridden", _("overrode the formal check")),
    "eligibility": declare_event(
        "grants.eligibility_overridden", _("overrode the eligibility check")
    ),
    "minimum": declare_event("grants.minimum_overridden", _("overrode the minimum criteria check")),
    "scoring": declare_event("grants.scoring_overridden", _("overrode the scoring result")),
}
DUPLICATE_FLAGGED = declare_event("grants.duplicate_flagged", _("flagged a possible duplicate"))
CONFLICT_DECLARED = declare_event("grants.conflict_declared", _("declared a conflict of interest"))
SHEET_WITHDRAWN = declare_event(
    "grants.sheet_withdrawn",
    _("declared a conflict of interest after scoring: their sheet is kept but no longer counts"),
)
CRITERION_SAVED = declare_event(
    "grants.criterion_saved", _("added or changed the criterion “%(criterion)s”")
)
CRITERION_REMOVED = declare_event(
    "grants.criterion_removed", _("removed the criterion “%(criterion)s”")
)
SCORED = declare_event("grants.scored", _("submitted a score sheet"))
RESCORED = declare_event(
    "grants.rescored", _("changed a submitted score (%(criterion)s: %(old)s → %(new)s)")
)
DECISION_DRAFTED = declare_event(
    "grants.decision_drafted", _("drafted the decision (version %(version)s)")
)
DECISION_SIGNED = declare_event(
    "grants.decision_signed", _("signed the decision (version %(version)s)")
)
DECISION_AMENDED = declare_event(
    "grants.decision_amended", _("drafted an amendment of the decision (version %(version)s)")
)
RESULTS_PUBLISHED = declare_event("grants.results_published", _("published the results"))
APPEAL_LODGED = declare_event("grants.appeal_lodged", _("lodged an appeal"))
APPEAL_ANSWERED = declare_event("grants.appeal_answered", _("answered the appeal"))
APPEAL_DECIDED = declare_event("grants.appeal_decided", _("decided the appeal"))
AWARD_CHANGED = declare_event("grants.award_changed", _("changed the award's status"))
AGREEMENT_SIGNED = declare_event("grants.agreement_signed", _("recorded the grant agreement"))
TRANCHE_PAID = declare_event("grants.tranche_paid", _("recorded a tranche as paid"))
VISITED = declare_event("grants.visited", _("recorded a monitoring visit"))
REPORTED = declare_event("grants.reported", _("submitted a monitoring report"))
JOBS_PUBLISHED = declare_event(
    "grants.jobs_published", _("sent the jobs created to the indicators (%(rows)s values)")
)
