"""Residents: sign-up and sign-in with a one-time code (hashed, expiring, attempt-limited,
used once), officials refused from the code path, registered-for residents with every act
logged as entered by the official, and deleting one's own data."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aimaq.accounts.models import User
from aimaq.core.activity.models import ActionLogEntry

from .. import codes
from ..choices import CodePurpose, Sex
from ..models import OneTimeCode, Participant, Proposal
from ..services.people import delete_resident, register_participant, request_code
from ..services.proposals import moderate, submit_proposal, support
from .conftest import code_in
from .world import participation_world

pytestmark = pytest.mark.django_db


def test_resident_signs_up_with_a_phone_code_and_signs_in_again(client, tree, outbox):
    response = client.post("/participation/sign-in/", {"address": "8 (701) 234-56-78"})
    assert response.status_code == 302
    message = outbox[-1]
    assert (message.channel, message.to) == ("sms", "+77012345678")
    code = code_in(message)
    stored = OneTimeCode.objects.get(address="+77012345678")
    assert (
        stored.code_hash != code and len(stored.code_hash) == 64
    )  # a keyed SHA-256, never the code
    response = client.post("/participation/sign-in/code/", {"code": code})
    assert response["Location"] == "/participation/sign-up/"
    response = client.post(
        "/participation/sign-up/",
        {
            "full_name": "Айгерім Сейітова",
            "residence": tree["zharaspai"].pk,
            "sex": "f",
            "birth_year": 1994,
            "agree": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(phone="+77012345678")
    assert not user.has_usable_password()
    assert user.participant.residence == tree["zharaspai"] and user.participant.sex == Sex.FEMALE
    client.logout()
    client.post("/participation/sign-in/", {"address": "+7 701 234 56 78"})
    client.post("/participation/sign-in/code/", {"code": code_in(outbox[-1])})
    assert client.get("/participation/me/").context["participant"].user == user


def test_code_refused_when_wrong_expired_reused_or_tried_too_often(tree, outbox):
    address = request_code("resident@example.kz", language="kk")
    assert outbox[-1].language == "kk"
    code = code_in(outbox[-1])
    with pytest.raises(ValidationError, match="not right"):
        codes.check_code(address, CodePurpose.SIGN_IN, "000000" if code != "000000" else "111111")
    codes.check_code(address, CodePurpose.SIGN_IN, code)
    with pytest.raises(ValidationError, match="No code"):
        codes.check_code(address, CodePurpose.SIGN_IN, code)  # used once

    request_code("resident@example.kz", language="en")
    OneTimeCode.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="expired"):
        codes.check_code(address, CodePurpose.SIGN_IN, code_in(outbox[-1]))

    request_code("resident@example.kz", language="en")
    good = code_in(outbox[-1])
    wrong = "123456" if good != "123456" else "654321"
    for _attempt in range(codes.MAX_ATTEMPTS):
        with pytest.raises(ValidationError):
            codes.check_code(address, CodePurpose.SIGN_IN, wrong)
    with pytest.raises(ValidationError, match="Too many"):
        codes.check_code(address, CodePurpose.SIGN_IN, good)


def test_at_most_five_codes_an_hour_and_addresses_checked(tree, outbox):
    for _n in range(codes.MAX_PER_HOUR):
        request_code("+77019998877", language="ru")
    with pytest.raises(ValidationError, match="Too many codes"):
        request_code("+77019998877", language="ru")
    with pytest.raises(ValidationError, match="Kazakhstan mobile number"):
        request_code("12345", language="ru")


def test_an_officials_address_cannot_sign_in_with_a_code(outbox):
    world = participation_world(with_plan=False)
    world["editor"].email = "editor@akimat.kz"
    world["editor"].save()
    with pytest.raises(ValidationError, match="official"):
        request_code("Editor@Akimat.kz", language="en")
    assert outbox == []


def test_official_registers_a_resident_and_every_act_is_logged_as_entered_by(outbox):
    world = participation_world(with_plan=False)
    editor = world["editor"]
    grandmother = register_participant(
        full_name="Күлпаш Ахметова",
        residence=world["zharaspai"],
        sex=Sex.FEMALE,
        birth_year=1948,
        consent=True,
        groups=["pensioner"],
        by=editor,
    )
    assert grandmother.entered_by == editor and grandmother.pensioner
    proposal = submit_proposal(
        author=grandmother,
        territory=world["zharaspai"],
        category="health",
        title="Дәрігер керек",
        text="Емханада дәрігер жоқ",
        by=editor,
    )
    assert proposal.entered_by == editor
    events = ActionLogEntry.objects.filter(actor=editor).values_list("event", flat=True)
    assert {"participation.participant_entered", "participation.proposal_entered"} <= set(events)
    # An editor of another rayon may not act for her.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        submit_proposal(
            author=grandmother,
            territory=world["zharaspai"],
            category="health",
            title="x",
            text="y",
            by=world["other_editor"],
        )


def test_deleting_my_data_keeps_what_counts_and_nothing_that_points_to_me(client):
    world = participation_world(with_plan=False)
    resident = world["resident"]
    me = resident.participant
    editor_proposal = submit_proposal(
        author=me,
        territory=world["zharaspai"],
        category="roads",
        title="Road",
        text="Potholes",
        by=resident,
    )
    moderate(editor_proposal, publish=True, by=world["editor"])
    support(editor_proposal, me, by=resident)
    user_pk = resident.pk
    delete_resident(resident, by=resident)
    assert not User.objects.filter(pk=user_pk).exists()
    assert not User.history.filter(id=user_pk).exists()
    me.refresh_from_db()
    assert (me.full_name, me.user_id, me.birth_year, me.sex) == ("—", None, None, "")
    assert Proposal.objects.get(pk=editor_proposal.pk).author_id == me.pk
    assert editor_proposal.supports.count() == 1


def test_only_the_person_deletes_their_own_data():
    world = participation_world(with_plan=False)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        delete_resident(world["resident"], by=world["editor"])
    with pytest.raises(ValidationError):
        delete_resident(world["editor"], by=world["editor"])
    assert Participant.objects.filter(user=world["resident"]).exists()
