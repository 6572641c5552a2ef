"""Citizens' proposals: submitting one (photos checked and stripped, similar ones nearby
suggested first), supporting, moderating with the author told why, answering publicly,
merging duplicates without losing an author or a support, and linking the plan action that
answers it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aimaq.core.activity import log_action
from aimaq.core.attachments import Kind, attach, check_upload
from aimaq.core.attachments.checks import CheckedFile
from aimaq.core.notifications import notify
from aimaq.territories.models import Territory

from .. import events, plan_links
from ..choices import Category, ModerationReason, ProposalKind, ProposalStatus
from ..models import Answer, Participant, Proposal, Support
from ..permissions import ACT_FOR, MODERATE, VIEW
from .common import person, require

MAX_PHOTOS = 5
NEARBY_METRES = 500


def _acting_for(author: Participant, by: Any) -> Any:
    """None when the author acts themself; the official acting for them otherwise (who must
    be allowed to)."""
    if author.user_id is not None and author.user_id == getattr(by, "pk", None):
        return None
    require(by, ACT_FOR, author)
    return person(by)


def check_photos(photos: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Every photo checked before anything is written: images only, metadata stripped."""
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("Attach at most %(count)s photos.") % {"count": MAX_PHOTOS}}
        )
    checked, errors = [], []
    for photo in photos:
        try:
            checked.append(check_upload(photo, kinds={Kind.IMAGE}))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"photos": errors})
    return checked


def _coordinate(value: Any, low: int, high: int, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.00001"))
    except ArithmeticError:
        raise ValidationError({field: _("Write a number, such as 49.93.")}) from None
    if not (low <= number <= high):
        raise ValidationError(
            {
                field: _("The place must be in Kazakhstan (%(low)s to %(high)s).")
                % {"low": low, "high": high}
            }
        )
    return number


def submit_proposal(
    *,
    author: Participant,
    territory: Territory,
    category: str,
    title: str,
    text: str,
    kind: str = ProposalKind.PROBLEM,
    latitude: Any = None,
    longitude: Any = None,
    photos: Sequence[UploadedFile] = (),
    is_demo: bool = False,
    by: Any,
) -> Proposal:
    """A resident's problem or proposal, or one an official enters for them. It waits for
    moderation; the text is stored exactly as typed."""
    entered_by = _acting_for(author, by)
    errors: dict[str, str] = {}
    if category not in Category.values:
        errors["category"] = _("Choose a category of the list.")
    if kind not in ProposalKind.values:
        errors["kind"] = _("Choose a problem or a proposal.")
    if not (title or "").strip():
        errors["title"] = _("Write a short title.")
    if not (text or "").strip():
        errors["text"] = _("Describe the problem or the proposal.")
    if errors:
        raise ValidationError(errors)
    lat = _coordinate(latitude, 40, 56, "latitude")
    lon = _coordinate(longitude, 46, 88, "longitude")
    if (lat is None) != (lon is None):
        raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
    checked = check_photos(photos)
    proposal = Proposal(
        territory=territory,
        kind=kind,
        category=category,
        title=title.strip()[:200],
        text=text.strip(),
        latitude=lat,
        longitude=lon,
        author=author,
        entered_by=entered_by,
        is_demo=is_demo,
    )
    proposal.full_clean(exclude=["family"])
    with transaction.atomic():
        proposal.save()
        Proposal.objects.filter(pk=proposal.pk).update(family=proposal.pk)
        proposal.family_id = proposal.pk
        for photo in checked:
            attach(proposal, photo, by=by, read_action=VIEW)
        event = events.PROPOSAL_ENTERED if entered_by else events.PROPOSAL_SUBMITTED
        log_action(proposal, event, by=by)
    return proposal


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points on the Earth (haversine)."""
    radius = 6_371_000
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def similar_nearby(
    *,
    category: str,
    latitude: Any = None,
    longitude: Any = None,
    territory: Territory | None = None,
    radius_m: int = NEARBY_METRES,
    limit: int = 5,
) -> list[Proposal]:
    """Published proposals of the same category within `radius_m` of the point (nearest
    first); without a point, the latest of the same category in the territory."""
    rows = Proposal.objects.filter(status=ProposalStatus.PUBLISHED, category=category)
    if latitude in (None, "") or longitude in (None, ""):
        if territory is None:
            return []
        return list(rows.filter(territory=territory).order_by("-created_at")[:limit])
    lat, lon = float(latitude), float(longitude)
    dlat = radius_m / 111_000
    dlon = radius_m / (111_000 * max(math.cos(math.radians(lat)), 0.01))
    box = rows.filter(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lon - dlon,
        longitude__lte=lon + dlon,
    )
    near = [
        (distance_m(lat, lon, float(p.latitude), float(p.longitude)), p)
        for p in box
        if p.latitude is not None and p.longitude is not None
    ]
    near = [(d, p) for d, p in near if d <= radius_m]
    near.sort(key=lambda pair: pair[0])
    for d, p in near:
        p.distance_m = round(d)  # type: ignore[attr-defined]
    return [p for _d, p in near[:limit]]


def live(proposal: Proposal) -> Proposal:
    """The proposal a merged one lives on in (itself when not merged)."""
    if proposal.status == ProposalStatus.MERGED and proposal.family_id:
        return Proposal.objects.get(pk=proposal.family_id)
    return proposal


def support(proposal: Proposal, participant: Participant, *, by: Any) -> Support:
    """`participant` supports the proposal (or the one it was merged into), once."""
    entered_by = _acting_for(participant, by)
    target = live(proposal)
    if target.status != ProposalStatus.PUBLISHED:
        raise ValidationError(_("Only a published proposal can be supported."))
    already = Support.objects.filter(proposal__family=target.pk, participant=participant).first()
    if already is not None:
        return already
    try:
        with transaction.atomic():
            row = Support.objects.create(
                proposal=target, participant=participant, entered_by=entered_by
            )
            if entered_by:
                log_action(target, events.SUPPORT_ENTERED, by=by)
    except IntegrityError:
        return Support.objects.get(proposal=target, participant=participant)
    return row


def support_count(proposal: Proposal) -> int:
    """People supporting the proposal or anything merged into it (each person once)."""
    return (
        Support.objects.filter(proposal__family=proposal.family_id or proposal.pk)
        .values("participant")
        .distinct()
        .count()
    )


def authors_of(proposal: Proposal) -> list[Participant]:
    """The authors of the proposal and of every proposal merged into it."""
    family = proposal.family_id or proposal.pk
    return list(Participant.objects.filter(proposals__family=family).distinct().order_by("pk"))


def _tell_authors(proposal: Proposal, template: str, context: dict) -> None:
    url = reverse("participation:proposal", args=[proposal.pk])
    for author in authors_of(proposal):
        if author.user is not None and author.user.is_active:
            notify(author.user, template, {"proposal": proposal, "url": url, **context})


def moderate(
    proposal: Proposal,
    *,
    publish: bool,
    public_title: str = "",
    public_text: str = "",
    reason: str = "",
    note: str = "",
    by: Any,
) -> Proposal:
    """Publish the proposal (with personal data or abuse hidden, the reason given) or keep
    it off the public site (the reason given). Its authors are told either way."""
    require(by, MODERATE, proposal)
    if proposal.status not in (
        ProposalStatus.PENDING,
        ProposalStatus.PUBLISHED,
        ProposalStatus.REJECTED,
    ):
        raise ValidationError(_("A merged proposal is moderated through the one it joined."))
    if reason and reason not in ModerationReason.values:
        raise ValidationError({"reason": _("Choose a reason of the list.")})
    title = (public_title or proposal.title).strip()
    text = (public_text or proposal.text).strip()
    redacted = title != proposal.title or text != proposal.text
    if publish and redacted and not reason:
        raise ValidationError({"reason": _("Say why something was hidden: the author is told.")})
    if not publish and not reason:
        raise ValidationError({"reason": _("Say why it is not published: the author is told.")})
    with transaction.atomic():
        proposal.status = ProposalStatus.PUBLISHED if publish else ProposalStatus.REJECTED
        proposal.public_title = title if publish else ""
        proposal.public_text = text if publish else ""
        proposal.moderation_reason = reason
        proposal.moderation_note = (note or "").strip()[:500]
        proposal.moderated_by = person(by)
        proposal.moderated_at = timezone.now()
        proposal.save()
        log_action(
            proposal,
            events.PROPOSAL_MODERATED,
            by=by,
            data={"decision": proposal.status, "reason": reason},
        )
    _tell_authors(
        proposal,
        "participation/notifications/proposal_moderated",
        {
            "published": publish,
            "redacted": redacted,
            "reason": str(ModerationReason(reason).label) if reason else "",
            "note": proposal.moderation_note,
        },
    )
    return proposal


def answer(proposal: Proposal, text: str, *, by: Any) -> Answer:
    """A public answer, on behalf of the official's organisation."""
    require(by, MODERATE, proposal)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    organisation = getattr(by, "organisation", None)
    with transaction.atomic():
        row = Answer.objects.create(
            proposal=proposal,
            text=text,
            organisation_name=organisation.name if organisation is not None else "",
            answered_by=person(by),
        )
        log_action(proposal, events.PROPOSAL_ANSWERED, by=by)
    _tell_authors(proposal, "participation/notifications/proposal_answered", {"answer": row})
    return row


def merge(source: Proposal, target: Proposal, *, by: Any) -> Proposal:
    """Merge `source` into `target`: the source stays readable and points at the target;
    its authors become the target's co-authors and its supports count for the target (each
    person once); nothing is deleted."""
    require(by, MODERATE, source)
    require(by, MODERATE, target)
    if source.pk == target.pk:
        raise ValidationError(_("A proposal cannot be merged into itself."))
    with transaction.atomic():
        source = Proposal.objects.select_for_update().get(pk=source.pk)
        target = Proposal.objects.select_for_update().get(pk=target.pk)
        if target.status != ProposalStatus.PUBLISHED:
            raise ValidationError(_("Merge into a published proposal."))
        if source.status == ProposalStatus.MERGED:
            raise ValidationError(_("This proposal is already merged."))
        if target.family_id == source.pk:
            raise ValidationError(_("This would merge a proposal into itself."))
        source.status = ProposalStatus.MERGED
        source.merged_into = target
        if not source.public_title:
            source.public_title, source.public_text = target.public_title, target.public_text
        source.save()
        Proposal.objects.filter(Q(family=source.pk) | Q(pk=source.pk)).update(
            family=target.family_id
        )
        log_action(source, events.PROPOSAL_MERGED, by=by, data={"target": target.pk})
        log_action(target, events.PROPOSAL_MERGED, by=by, data={"target": target.pk})
    _tell_authors(source, "participation/notifications/proposal_merged", {"target": target})
    return target


def link_action(proposal: Proposal, plan: Any, action_uid: Any, *, by: Any) -> Proposal:
    """Link the proposal (and what was merged into it) to the plan action that answers it."""
    require(by, MODERATE, proposal)
    if not plan_links.may_see_plan(by, plan):
        raise ValidationError({"plan": _("Choose a plan you can see.")})
    action = plan_links.find_action(plan, action_uid)
    if action is None:
        raise ValidationError({"action": _("Choose an action of this plan.")})
    with transaction.atomic():
        Proposal.objects.filter(Q(pk=proposal.pk) | Q(family=proposal.pk)).update(
            plan=plan, action_uid=action.uid
        )
        proposal.refresh_from_db()
        log_action(proposal, events.PROPOSAL_LINKED, by=by, data={"action": action.code})
    _tell_authors(
        proposal, "participation/notifications/proposal_linked", {"action_name": action.name}
    )
    return proposal
