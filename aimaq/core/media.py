"""Uploaded files, served only to those the one permission check allows.

There is no public media folder: a file is served when an app registered the model field
that holds it (`registries.register_protected_file`) and `can(user, action, obj)` holds for
the object holding it. A signed-out visitor is asked to sign in, whatever the address; a
signed-in person who may not see the file gets a 404, as for a file that does not exist.
"""

from __future__ import annotations

import mimetypes
import posixpath

from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from aimaq.core.permissions import can
from aimaq.core.registries import protected_files


def holder_of(path: str) -> tuple[object, str] | None:
    """(the object whose registered file field stores `path`, the action it needs), if any."""
    for entry in protected_files():
        holder = entry.model._default_manager.filter(**{entry.field: path}).first()
        if holder is not None:
            return holder, entry.action
    return None


@require_GET
def protected_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """The stored file at `path`, as a download, if the person may see its holder."""
    clean = posixpath.normpath(path).lstrip("/")
    if clean != path or clean.startswith(".."):
        raise Http404(_("There is no such file."))
    found = holder_of(clean)
    allowed = found is not None and can(request.user, found[1], found[0])
    if not allowed:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(_("There is no such file."))
    if not default_storage.exists(clean):
        raise Http404(_("There is no such file."))
    content_type = mimetypes.guess_type(clean)[0] or "application/octet-stream"
    return FileResponse(
        default_storage.open(clean, "rb"),
        as_attachment=True,
        filename=posixpath.basename(clean),
        content_type=content_type,
    )
