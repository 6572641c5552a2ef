"""Files people attach: photos of a problem, scanned sign-in sheets, application documents.

Every upload is checked by its content, not its name (`check_upload`): an image must open as
JPEG, PNG or WebP within the pixel limit and is re-encoded without its metadata (EXIF
location and camera data gone, orientation applied), with a thumbnail; a PDF must be one.
Size limits come from settings. The file is then stored (`attach`) against the object it
belongs to, and served only to those who may see that object (`core:attachment`):

    checked = check_upload(request.FILES["photo"], kinds={Kind.IMAGE})   # ValidationError
    attach(proposal, checked, by=request.user, read_action=VIEW)
"""

from .checks import CheckedFile, Kind, check_upload
from .services import attach

__all__ = ["CheckedFile", "Kind", "attach", "check_upload"]
