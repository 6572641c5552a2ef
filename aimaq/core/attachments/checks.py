from __future__ import annotations

import enum
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_SIZE = (320, 320)
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


class Kind(enum.Enum):
    IMAGE = "image"
    PDF = "pdf"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, as it will be stored (images re-encoded)."""

    name: str
    media_type: str
    data: bytes
    sha256: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None


def _expected(kinds: set[Kind]) -> str:
    names = []
    if Kind.IMAGE in kinds:
        names.append(_("an image (JPEG, PNG or WebP)"))
    if Kind.PDF in kinds:
        names.append(_("a PDF document"))
    return _(" or ").join(names)


def _refuse(name: str, kinds: set[Kind]) -> ValidationError:
    return ValidationError(
        _("«%(name)s» is not %(expected)s.") % {"name": name, "expected": _expected(kinds)},
        code="file_type",
    )


def _safe_name(name: str, media_type: str) -> str:
    stem = Path(name).stem.strip()[:80] or "file"
    return stem + EXTENSIONS[media_type]


def _check_image(name: str, data: bytes) -> CheckedFile | None:
    limit = settings.AIMAQ_IMAGE_MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in IMAGE_FORMATS:
                return None
            if probe.width * probe.height > limit:
                raise ValidationError(
                    _(
                        "«%(name)s» is %(width)d × %(height)d pixels; at most %(limit)d million pixels are accepted."
                    )
                    % {
                        "name": name,
                        "width": probe.width,
                        "height": probe.height,
                        "limit": limit // 1_000_000,
                    },
                    code="image_size",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            media_type = IMAGE_FORMATS[image.format or ""]
            # A fresh image from the pixels alone: EXIF (location, camera), XMP, ICC comments
            # and any trailing bytes are left behind; the orientation is applied first.
            upright = ImageOps.exif_transpose(image) or image
            clean = upright.copy()
            clean.info = {}
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return None
    out = io.BytesIO()
    save_format = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}[media_type]
    if save_format == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    clean.save(out, save_format, **({"quality": 88} if save_format != "PNG" else {}))
    thumb = clean.convert("RGB") if clean.mode not in ("RGB", "L") else clean.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    thumb_out = io.BytesIO()
    thumb.save(thumb_out, "JPEG", quality=80)
    stored = out.getvalue()
    return CheckedFile(
        name=_safe_name(name, media_type),
        media_type=media_type,
        data=stored,
        sha256=hashlib.sha256(stored).hexdigest(),
        width=clean.width,
        height=clean.height,
        thumbnail=thumb_out.getvalue(),
    )


def _check_pdf(name: str, data: bytes) -> CheckedFile | None:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        return None
    return CheckedFile(
        name=_safe_name(name, "application/pdf"),
        media_type="application/pdf",
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_upload(upload: UploadedFile, *, kinds: set[Kind]) -> CheckedFile:
    """The upload, checked by its content against `kinds` and the size limit, images
    re-encoded without metadata; ValidationError with a message naming the file and what
    was expected, in the person's language."""
    name = Path(upload.name or "file").name
    limit = settings.AIMAQ_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("«%(name)s» is %(size)s; files of at most %(limit)s are accepted.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_size",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("«%(name)s» is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
            code="file_size",
        )
    checked = None
    if Kind.IMAGE in kinds:
        checked = _check_image(name, data)
    if checked is None and Kind.PDF in kinds:
        checked = _check_pdf(name, data)
    if checked is None:
        raise _refuse(name, kinds)
    return checked
