"""Applications coming in: an online draft refused at submission with a plain reason until it
is fixed; nothing after the deadline; paper intake with a receipt and a second official's
confirmation; documents checked by content; withdrawal; duplicates flagged."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from aimaq.core.attachments.services import attachments_of
from aimaq.core.documents import render_pdf
from aimaq.core.documents.readback import pdf_pages
from aimaq.grants.documents import receipt_document
from aimaq.grants.models import Channel, DuplicateFlag, Gate, Status
from aimaq.grants.services import intake
from aimaq.grants.tests.world import make_application, make_committee, make_competition, valid_iin
from aimaq.testing.people import UserFactory

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def competition(tree):
    return make_competition(tree)


def draft_data(tree, **changes):
    data = {
        "applicant_type": "ie",
        "applicant_name": "Aigerim Sadykova",
        "business_name": "Village bakery",
        "territory": tree["zharaspai"],
        "sector": "processing",
        "description": "Ovens and a mixer for bread for the okrug.",
        "jobs_planned": 2,
        "iin": valid_iin(7),
        "phone": "+77011234567",
        "email": "aigerim@example.kz",
        "address": "Zharaspai, 1 Bereke street",
    }
    data.update(changes)
    return data


LINE = {"item": "Oven", "quantity": 1, "unit_cost": 1_000_000}


def test_an_online_draft_is_refused_with_the_reason_then_submitted_once_fixed(competition, tree):
    person = UserFactory()
    application = intake.start_application(competition, draft_data(tree), by=person)
    intake.save_budget(application, [{**LINE, "requested": 750_000, "own": 250_000}], by=person)
    with pytest.raises(ValidationError) as refused:
        intake.submit(application, by=person)
    assert refused.value.messages == ["Own contribution 25 % — the call allows 10–20 %."]
    application.refresh_from_db()
    assert application.status == Status.DRAFT and not application.gates.exists()
    intake.save_budget(application, [{**LINE, "requested": 850_000, "own": 150_000}], by=person)
    intake.submit(application, by=person)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.own_share == 15
    assert {g.gate: g.outcome for g in application.gates.all()} == {
        Gate.FORMAL: True,
        Gate.ELIGIBILITY: True,
    }
    with pytest.raises(PermissionDenied):
        intake.save_budget(application, [{**LINE, "requested": 900_000, "own": 100_000}], by=person)


def test_a_budget_line_that_does_not_add_up_is_refused_whole(competition, tree):
    person = UserFactory()
    application = intake.start_application(competition, draft_data(tree), by=person)
    with pytest.raises(ValidationError) as refused:
        intake.save_budget(application, [{**LINE, "requested": 850_000, "own": 100_000}], by=person)
    assert "Line 1" in refused.value.messages[0] and "1000000" in refused.value.messages[0]
    assert not application.budget_lines.exists()


def test_nothing_is_submitted_after_the_deadline(competition, tree):
    person = UserFactory()
    application = intake.start_application(competition, draft_data(tree), by=person)
    intake.save_budget(application, [{**LINE, "requested": 850_000, "own": 150_000}], by=person)
    competition.closes_at = timezone.now() - timedelta(minutes=1)
    competition.save()
    application.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        intake.submit(application, by=person)
    assert "closed" in refused.value.messages[0]


def test_documents_are_checked_by_content_and_served_only_to_those_who_see_the_application(
    client, competition, tree
):
    person = UserFactory()
    application = intake.start_application(competition, draft_data(tree), by=person)
    with pytest.raises(ValidationError):
        intake.attach_document(
            application, SimpleUploadedFile("plan.pdf", b"not a pdf at all"), by=person
        )
    document = intake.attach_document(
        application, SimpleUploadedFile("plan.pdf", MINIMAL_PDF), by=person
    )
    client.force_login(person)
    assert client.get(f"/attachments/{document.pk}/").status_code == 200
    client.force_login(UserFactory())
    assert client.get(f"/attachments/{document.pk}/").status_code == 404


def test_paper_intake_prints_a_receipt_and_needs_a_second_official(competition, tree):
    seats = make_committee(competition)
    clerk, second = seats["officer"].user, UserFactory()
    received = timezone.now() - timedelta(hours=3)
    application = intake.enter_paper(
        competition, draft_data(tree), [{**LINE, "requested": 880_000, "own": 120_000}],
        received_at=received, documents=3, by=clerk,
    )  # fmt: skip
    assert (
        application.status == Status.AWAITING_CONFIRMATION and application.channel == Channel.PAPER
    )
    text = "\n".join(pdf_pages(render_pdf(receipt_document(application, language="en"))))
    assert application.case_number in text and "Documents handed in" in text and str(clerk) in text
    assert "Receipt for a grant application" in text
    with pytest.raises(PermissionDenied):
        intake.confirm_paper(application, by=clerk)
    seats["officer"].pk = None  # a second officer's seat
    seats["officer"].user = second
    seats["officer"].save()
    intake.confirm_paper(application, by=second)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED and application.submitted_at == received
    assert application.confirmed_by == second


def test_the_applicant_withdraws_at_any_stage(competition, tree):
    person = UserFactory()
    application = make_application(competition, tree["nura"], applicant=person)
    intake.withdraw(application, by=person)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN and application.withdrawn_at
    with pytest.raises(PermissionDenied):
        intake.withdraw(application, by=person)


def test_a_second_application_with_the_same_iin_is_flagged_and_fails_the_formal_check(
    competition, tree
):
    from aimaq.grants.services.gates import flag_duplicates

    first = make_application(competition, tree["nura"], number=1)
    again = make_application(
        competition, tree["zharaspai"], number=2, iin=first.iin, description=first.description
    )
    flag_duplicates(again)
    kinds = set(DuplicateFlag.objects.filter(application=again).values_list("kind", flat=True))
    assert kinds == {"same_id", "similar_text"}
    assert DuplicateFlag.objects.filter(application=first, other=again).exists()
    formal = again.gates.get(gate=Gate.FORMAL)
    assert formal.outcome is False and formal.reasons[0]["code"] == "repeat"
    assert first.gates.get(gate=Gate.FORMAL).outcome is True


def test_a_draft_is_nobody_elses(competition, tree):
    person = UserFactory()
    application = intake.start_application(competition, draft_data(tree), by=person)
    with pytest.raises(PermissionDenied):
        intake.update_application(application, {"business_name": "Mine now"}, by=UserFactory())
    assert attachments_of(application).count() == 0
