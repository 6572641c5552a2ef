"""Public consultation of a draft plan: opened by whoever may write the draft, comments per
section until the deadline, hidden by moderation with a reason, and the owner's official
summary published with the plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import attribute_to, log_action

from .. import events, plan_links
from ..choices import ModerationReason
from ..models import Comment, Consultation, Participant
from ..permissions import ACT_FOR, CONSULT, MODERATE
from .common import person, require


def open_consultation(
    version: Any, *, opens_on: date, closes_at: datetime, is_demo: bool = False, by: Any
) -> Consultation:
    """Open the draft `version` to comments until `closes_at`."""
    if not plan_links.may_consult(by, version):
        raise ValidationError(_("Only those who may write the draft open its consultation."))
    if not plan_links.is_open_for_consultation(version):
        raise ValidationError(_("Only a draft plan is opened to public consultation."))
    if closes_at.date() < opens_on:
        raise ValidationError({"closes_at": _("The deadline comes before the opening.")})
    consultation = Consultation(
        version=version,
        territory=version.plan.territory,
        opens_on=opens_on,
        closes_at=closes_at,
        is_demo=is_demo,
        created_by=person(by),
    )
    require(by, CONSULT, consultation)
    with transaction.atomic():
        attribute_to(consultation, by).save()
        log_action(consultation, events.CONSULTATION_OPENED, by=by)
    return consultation


def is_open(consultation: Consultation, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return consultation.opens_on <= timezone.localdate(now) and now <= consultation.closes_at


def add_comment(
    consultation: Consultation,
    *,
    author: Participant,
    section: str,
    text: str,
    now: datetime | None = None,
    is_demo: bool = False,
    by: Any,
) -> Comment:
    """A resident's comment on one section, while the consultation is open; stored as
    typed, shown as text."""
    entered_by = None
    if not (author.user_id and author.user_id == getattr(by, "pk", None)):
        require(by, ACT_FOR, author)
        entered_by = person(by)
    if not is_open(consultation, now):
        raise ValidationError(
            _("Comments were accepted until %(deadline)s.")
            % {"deadline": f"{timezone.localtime(consultation.closes_at):%d.%m.%Y %H:%M}"}
        )
    sections = dict(plan_links.plan_sections())
    if section not in sections:
        raise ValidationError({"section": _("Choose a section of the plan.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your comment.")})
    if len(text) > 3000:
        raise ValidationError({"text": _("A comment is at most 3000 characters.")})
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        section=section,
        text=text,
        entered_by=entered_by,
        is_demo=is_demo,
    )


def hide_comment(comment: Comment, *, reason: str, by: Any) -> Comment:
    require(by, MODERATE, comment)
    if reason not in ModerationReason.values or not reason:
        raise ValidationError({"reason": _("Choose a reason of the list.")})
    with transaction.atomic():
        comment.is_hidden = True
        comment.hidden_reason = reason
        comment.save(update_fields=["is_hidden", "hidden_reason"])
        log_action(comment.consultation, events.COMMENT_HIDDEN, by=by, data={"reason": reason})
    return comment


def publish_summary(
    consultation: Consultation, *, taken: str, not_taken: str, by: Any, now: datetime | None = None
) -> Consultation:
    """The owner's official summary: what was taken into account, and why the rest was not.
    Written after the deadline; published with the plan."""
    if not plan_links.may_consult(by, consultation.version) and not _may_summarise(
        by, consultation
    ):
        raise ValidationError(_("Only those who may write the plan publish the summary."))
    if is_open(consultation, now) or (now or timezone.now()) < consultation.closes_at:
        raise ValidationError(_("The summary is written after the comments close."))
    taken, not_taken = (taken or "").strip(), (not_taken or "").strip()
    if not taken and not not_taken:
        raise ValidationError(
            {"taken": _("Say what was taken into account and why the rest was not.")}
        )
    with transaction.atomic():
        consultation.summary_taken = taken
        consultation.summary_not_taken = not_taken
        consultation.summary_published_at = timezone.now()
        consultation.summary_by = person(by)
        attribute_to(consultation, by).save()
        log_action(consultation, events.SUMMARY_PUBLISHED, by=by)
    return consultation


def _may_summarise(by: Any, consultation: Consultation) -> bool:
    # The draft may have moved on (agreed, approved) by the time the summary is written:
    # those who run consultations in the territory still write it.
    from aimaq.core.permissions import can

    return can(by, CONSULT, consultation)
