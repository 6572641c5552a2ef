from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction

from aimaq.core.permissions import action_spec

from .checks import CheckedFile
from .models import Attachment


def attach(owner: models.Model, checked: CheckedFile, *, by: Any, read_action: str) -> Attachment:
    """Store `checked` against `owner`; it will be served to whoever may `read_action` the
    owner (an action its app declared)."""
    action_spec(read_action)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(owner, for_concrete_model=False),
        object_id=str(owner.pk),
        read_action=read_action,
        name=checked.name,
        media_type=checked.media_type,
        size=len(checked.data),
        sha256=checked.sha256,
        width=checked.width,
        height=checked.height,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        attachment.file.save(checked.name, ContentFile(checked.data), save=False)
        if checked.thumbnail:
            attachment.thumbnail.save("thumb.jpg", ContentFile(checked.thumbnail), save=False)
        attachment.save()
    return attachment


def attachments_of(owner: models.Model) -> models.QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner, for_concrete_model=False),
        object_id=str(owner.pk),
    )
