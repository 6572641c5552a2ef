"""Attachments: checked by content, images re-encoded without their metadata, served only
to those who may see what they belong to."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from aimaq.core.attachments import Kind, attach, check_upload
from aimaq.testing.dossiers.models import Board, BoardMember, ConflictDeclaration, Dossier
from aimaq.testing.people import UserFactory

GPS_IFD = 0x8825


def photo_with_location(width: int = 64, height: int = 48) -> bytes:
    """A JPEG as a phone writes it: camera make and model, GPS position, rotated 90°."""
    image = Image.new("RGB", (width, height), "red")
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "CameraMaker", "Model X", 6
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (43.0, 15.0, 0.0), "E", (76.0, 55.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_photo_loses_its_location_and_camera_but_keeps_its_orientation():
    checked = check_upload(upload("IMG_0001.JPG", photo_with_location()), kinds={Kind.IMAGE})
    stored = Image.open(io.BytesIO(checked.data))
    assert not stored.getexif() and not stored.getexif().get_ifd(GPS_IFD)
    assert b"CameraMaker" not in checked.data and b"Model X" not in checked.data
    assert (stored.width, stored.height) == (48, 64)  # turned upright as the phone meant
    assert checked.media_type == "image/jpeg" and checked.name == "IMG_0001.jpg"
    assert Image.open(io.BytesIO(checked.thumbnail)).format == "JPEG"


def test_a_file_that_is_not_an_image_is_refused_naming_it_and_what_was_expected():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("photo.jpg", b"MZ\x90\x00 not a picture"), kinds={Kind.IMAGE})
    assert refused.value.messages == ["«photo.jpg» is not an image (JPEG, PNG or WebP)."]


def test_a_scan_may_be_a_pdf_or_an_image():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert check_upload(upload("scan.pdf", pdf), kinds={Kind.IMAGE, Kind.PDF}).media_type == (
        "application/pdf"
    )
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("scan.docx", b"PK\x03\x04"), kinds={Kind.IMAGE, Kind.PDF})
    assert "an image (JPEG, PNG or WebP) or a PDF document" in refused.value.messages[0]


def test_too_large_files_and_pixel_bombs_are_refused(settings):
    settings.AIMAQ_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="at most 1000"):
        check_upload(
            upload("big.jpg", photo_with_location(400, 300) + b"x" * 2000), kinds={Kind.IMAGE}
        )
    settings.AIMAQ_ATTACHMENT_MAX_BYTES = 10_000_000
    settings.AIMAQ_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(ValidationError, match="million pixels"):
        check_upload(upload("wide.png", _png(2000, 1000)), kinds={Kind.IMAGE})


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, "PNG")
    return out.getvalue()


def test_a_stored_photo_is_served_only_to_those_who_may_see_its_dossier(client, tree):
    board = Board.objects.create(territory=tree["nura"], name="Board")
    member, conflicted, outsider = UserFactory(), UserFactory(), UserFactory()
    for person in (member, conflicted):
        BoardMember.objects.create(board=board, user=person)
    dossier = Dossier.objects.create(board=board, territory=tree["nura"], title="Bakery")
    ConflictDeclaration.objects.create(dossier=dossier, user=conflicted)
    checked = check_upload(upload("shop.jpg", photo_with_location()), kinds={Kind.IMAGE})
    attachment = attach(dossier, checked, by=member, read_action="dossiers.view")

    answers = {}
    for name, person in (("member", member), ("conflicted", conflicted), ("outsider", outsider)):
        client.force_login(person)
        answers[name] = client.get(f"/attachments/{attachment.pk}/").status_code
    assert answers == {"member": 200, "conflicted": 404, "outsider": 404}
    client.force_login(member)
    thumbnail = client.get(f"/attachments/{attachment.pk}/thumbnail/")
    assert thumbnail["Content-Type"] == "image/jpeg"
    assert b"".join(thumbnail.streaming_content)[:2] == b"\xff\xd8"
