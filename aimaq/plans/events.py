"""What the action log says about plans, in people's words (read after the person's name)."""

from django.utils.translation import gettext_lazy as _

from aimaq.core.activity import declare_event

CREATED = declare_event("plans.created", _("created the plan"))
CONSULTATION = declare_event("plans.consultation", _("opened the public consultation"))
BACK_TO_DRAFT = declare_event("plans.back_to_draft", _("returned the version to draft"))
AGREED = declare_event("plans.agreed", _("recorded the agreement with the community"))
# The approving body is named in the reader's language beside the log (the version's
# passport), not in the log's words: the name the log keeps is in the language of whoever
# recorded the approval.
APPROVED = declare_event(
    "plans.approved", _("recorded the approval: decision %(decision)s of %(date)s")
)
IMPLEMENTATION = declare_event("plans.implementation", _("started the implementation"))
COMPLETED = declare_event("plans.completed", _("marked the plan completed"))
AMENDMENT = declare_event("plans.amendment", _("started amendment %(number)s"))
SUPERSEDED = declare_event("plans.superseded", _("replaced the version by amendment %(number)s"))
IMPORTED = declare_event("plans.imported", _("imported %(rows)s rows from %(file)s"))
TARGETS_SPLIT = declare_event("plans.targets_split", _("split the life-of-plan targets"))
REPORT_CREATED = declare_event("plans.report_created", _("started the report"))
REPORT_SUBMITTED = declare_event("plans.report_submitted", _("submitted the report for review"))
REPORT_RETURNED = declare_event("plans.report_returned", _("returned the report with comments"))
REPORT_PUBLISHED = declare_event("plans.report_published", _("published the report"))
EVALUATION_ADDED = declare_event("plans.evaluation_added", _("recorded the evaluation"))
EVALUATION_PUBLISHED = declare_event("plans.evaluation_published", _("published the evaluation"))
RESPONSE_GIVEN = declare_event("plans.response_given", _("gave the management response"))
FOLLOWED_UP = declare_event("plans.followed_up", _("followed up the recommendation"))
RECOMMENDATION_CLOSED = declare_event("plans.recommendation_closed", _("closed the recommendation"))
