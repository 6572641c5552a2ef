"""Citizen proposals: photos stripped of their location (a non-image refused by name),
moderation hiding personal data with the author told why, the merge keeping every author and
support, and hostile text rendered inert on the public pages."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from aimaq.accounts.models import Role
from aimaq.core.attachments.services import attachments_of
from aimaq.testing.people import user_with_role

from ..choices import ModerationReason, ProposalStatus
from ..models import Proposal, Support
from ..services.proposals import (
    authors_of,
    merge,
    moderate,
    similar_nearby,
    submit_proposal,
    support,
    support_count,
)
from .world import resident

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def photo_with_location() -> bytes:
    """A JPEG as a phone writes it: camera model and GPS position in its EXIF."""
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "CameraMaker", "Model X"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (49.0, 55.0, 0.0), "E", (73.0, 5.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def people(tree):
    return {
        "editor": user_with_role(Role.EDITOR, tree["nura"]),
        "aigerim": resident(tree["zharaspai"], "Aigerim"),
        "serik": resident(tree["zharaspai"], "Serik"),
        "dana": resident(tree["zharaspai"], "Dana"),
    }


def _propose(tree, user, title="No mobile signal", **extra):
    return submit_proposal(
        author=user.participant,
        territory=tree["zharaspai"],
        category="connectivity",
        title=title,
        text=extra.pop("text", "560 people have no mobile network."),
        latitude=extra.pop("latitude", "49.91"),
        longitude=extra.pop("longitude", "73.08"),
        by=user,
        **extra,
    )


def test_a_photo_comes_out_without_its_location_and_a_non_image_is_refused(tree, people):
    aigerim = people["aigerim"]
    proposal = _propose(
        tree, aigerim, photos=[SimpleUploadedFile("IMG_0001.JPG", photo_with_location())]
    )
    (stored,) = attachments_of(proposal)
    data = stored.file.read()
    assert b"CameraMaker" not in data and b"Model X" not in data
    assert not Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)

    with pytest.raises(ValidationError) as refused:
        _propose(
            tree,
            aigerim,
            title="Second",
            photos=[SimpleUploadedFile("road.jpg", b"MZ\x90\x00 not a picture")],
        )
    assert refused.value.message_dict["photos"] == [
        "«road.jpg» is not an image (JPEG, PNG or WebP)."
    ]
    assert Proposal.objects.count() == 1  # nothing half-written


def test_moderation_hides_personal_data_and_tells_the_author_why(client, tree, people, outbox):
    proposal = _propose(tree, people["aigerim"], text="Call me on +7 701 234 56 78, no signal.")
    assert client.get(f"/participation/proposals/{proposal.pk}/").status_code == 404  # pending
    with pytest.raises(ValidationError, match="Say why"):
        moderate(proposal, publish=True, public_text="No signal.", by=people["editor"])
    moderate(
        proposal,
        publish=True,
        public_text="[phone hidden], no signal.",
        reason=ModerationReason.PERSONAL_DATA,
        by=people["editor"],
    )
    page = client.get(f"/participation/proposals/{proposal.pk}/").content.decode()
    assert "[phone hidden], no signal." in page and "234 56 78" not in page
    proposal.refresh_from_db()
    assert proposal.text == "Call me on +7 701 234 56 78, no signal."  # stored as typed
    told = outbox[-1]
    assert told.to == people["aigerim"].email and "personal data hidden" in told.body

    rejected = _propose(tree, people["serik"], title="Advert", text="Buy cheap coal!")
    moderate(rejected, publish=False, reason=ModerationReason.ADVERTISING, by=people["editor"])
    assert client.get(f"/participation/proposals/{rejected.pk}/").status_code == 404
    assert "advertising" in outbox[-1].body.lower()


def test_the_merge_keeps_every_author_and_support_and_the_original(client, tree, people, outbox):
    editor = people["editor"]
    first = _propose(tree, people["aigerim"])
    second = _propose(tree, people["serik"], title="Mobile network please")
    for proposal in (first, second):
        moderate(proposal, publish=True, by=editor)
    support(first, people["dana"].participant, by=people["dana"])
    support(second, people["dana"].participant, by=people["dana"])  # the same person twice
    support(second, people["aigerim"].participant, by=people["aigerim"])
    assert similar_nearby(
        category="connectivity",
        latitude="49.9105",
        longitude="73.0805",
        territory=tree["zharaspai"],
    )
    merge(second, first, by=editor)
    assert Proposal.objects.count() == 2 and Support.objects.count() == 3  # nothing deleted
    assert {p.full_name for p in authors_of(first)} == {"Aigerim Resident", "Serik Resident"}
    assert support_count(first) == 2  # Dana and Aigerim, each once
    second.refresh_from_db()
    assert second.status == ProposalStatus.MERGED and second.merged_into == first
    page = client.get(f"/participation/proposals/{second.pk}/")
    assert page.status_code == 200  # the original stays readable, pointing at the target
    assert f"/participation/proposals/{first.pk}/" in page.content.decode()
    # A support given to the merged one afterwards lands on the target, once.
    support(second, people["serik"].participant, by=people["serik"])
    assert support_count(first) == 3


def test_hostile_text_in_proposals_and_names_is_rendered_inert(client, tree, people):
    people["aigerim"].participant.full_name = XSS
    people["aigerim"].participant.save()
    proposal = _propose(tree, people["aigerim"], title=XSS, text=XSS)
    moderate(proposal, publish=True, by=people["editor"])
    for url in (f"/participation/proposals/{proposal.pk}/", "/participation/proposals/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert" in page
    client.force_login(people["editor"])
    page = client.get(f"/participation/proposals/{proposal.pk}/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
