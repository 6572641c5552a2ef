from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from aimaq.core.permissions import can

from .models import Attachment


@require_GET
def attachment_file(request: HttpRequest, pk: int, variant: str = "file") -> FileResponse:
    """The stored file (or its thumbnail), for whoever may read the object it belongs to;
    everyone else gets 404, as if it did not exist."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    owner = attachment.owner
    if owner is None or not can(request.user, attachment.read_action, owner):
        raise Http404
    stored = attachment.thumbnail if variant == "thumbnail" else attachment.file
    if not stored:
        raise Http404
    media_type = "image/jpeg" if variant == "thumbnail" else attachment.media_type
    response = FileResponse(stored.open("rb"), content_type=media_type, filename=attachment.name)
    response["Cache-Control"] = "private, max-age=3600"
    return response
