"""The decision and what follows it: signed by the chair only, then immutable (amendments are
new versions in which the reserve list moves up); the protocol lists applications, gates,
scores, members and recusals; published results carry no personal data, also as 360Giving
data valid against its schema; every applicant is told their scores and how to appeal;
appeals within the period; jobs created reach the indicators."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from aimaq.core.documents.readback import pdf_pages
from aimaq.core.jobs import JobStatus, run_job
from aimaq.grants.exports import giving_package
from aimaq.grants.jobs import protocol_jobs
from aimaq.grants.models import (
    Application,
    Award,
    AwardStatus,
    DecisionSigned,
    Gate,
    Outcome,
)
from aimaq.grants.selectors.public import published_results
from aimaq.grants.services import followup
from aimaq.grants.services.committee import declare_conflict, save_sheet
from aimaq.grants.services.decision import draft_decision, latest_decision, sign_decision
from aimaq.grants.services.gates import override_gate
from aimaq.grants.services.results import answer_appeal, lodge_appeal, publish_results
from aimaq.grants.tests.conftest import MEMORY
from aimaq.grants.tests.world import make_application, make_committee, make_competition, score_all
from aimaq.testing.data import shared_data
from aimaq.testing.people import UserFactory
from aimaq.testing.territories import small_tree

SCORES = {1: 8, 2: 7, 3: 6, 4: 5}  # application number → every member's score on every criterion


@pytest.fixture(scope="module")
def world(module_db, module_media):
    from aimaq.core.notifications.senders import MemorySender

    senders = {"email": MEMORY, "sms": MEMORY}
    with override_settings(MEDIA_ROOT=module_media, AIMAQ_NOTIFICATION_SENDERS=senders):
        MemorySender.outbox.clear()
        tree = small_tree()
        competition = make_competition(
            tree, fund=2_000_000, appeals_until=date.today() + timedelta(days=7)
        )
        seats = make_committee(competition)
        applicant = UserFactory(email="owner@example.kz")
        applications = {
            n: make_application(competition, tree["nura" if n % 2 else "glubokoe"], number=n,
                                requested=900_000 + n * 10_000, applicant=applicant if n == 1 else None)
            for n in SCORES
        }  # fmt: skip
        declare_conflict(applications[2], by=seats["m5"].user)
        for n, value in SCORES.items():
            score_all(
                applications[n],
                seats,
                {"novelty": value, "plan": value, "jobs": value},
                skip=("m5",) if n == 2 else (),
            )
        officer, chair = seats["officer"].user, seats["m0"].user
        decision = draft_decision(
            competition,
            by=officer,
            present=list(competition.members.all()),
            meeting_on=date.today(),
        )
        sign_decision(decision, by=chair, language="en")
        stored = run_job(protocol_jobs(decision).get().pk)  # the worker takes it
        decision.refresh_from_db()
        messages = publish_results(competition, by=officer)
        outbox = list(MemorySender.outbox)
        MemorySender.outbox.clear()
    return {
        "tree": tree, "competition": competition, "seats": seats, "applications": applications,
        "decision": decision, "stored": stored, "messages": messages, "outbox": outbox, "applicant": applicant,
        "officer": officer, "chair": chair,
    }  # fmt: skip


@pytest.fixture(autouse=True)
def _media(shared_media):
    return shared_media


def test_the_selection_funds_the_two_best_within_the_fund(world, db):
    lines = {line.application_id: line for line in world["decision"].lines.all()}
    outcomes = {n: lines[a.pk].outcome for n, a in world["applications"].items()}
    assert outcomes == {
        1: Outcome.SELECTED,
        2: Outcome.SELECTED,
        3: Outcome.RESERVE,
        4: Outcome.RESERVE,
    }
    assert world["decision"].total_awarded == 910_000 + 920_000


def test_a_signed_decision_no_longer_changes(world, db):
    decision = latest_decision(world["competition"], signed=True)
    decision.meeting_place = "elsewhere"
    with pytest.raises(DecisionSigned):
        decision.save()
    line = decision.lines.first()
    with pytest.raises(DecisionSigned):
        line.save()
    application = world["applications"][3]
    criteria = {c.pk: 10 for c in world["competition"].criteria.all()}
    with pytest.raises(ValidationError):
        save_sheet(application, criteria, by=world["seats"]["m1"].user, submit=True)
    with pytest.raises(ValidationError):
        override_gate(
            application.gates.get(gate=Gate.FORMAL),
            passed=False,
            reason="late after all",
            by=world["officer"],
        )


def test_only_the_chair_signs(client, world, db):
    competition = world["competition"]
    with pytest.raises(ValidationError):
        draft_decision(competition, by=world["officer"], present=[])
    client.force_login(world["seats"]["m1"].user)
    assert client.post(f"/grants/{competition.pk}/decision/sign/").status_code in (302, 403)
    assert latest_decision(competition).version == 1


def test_the_stored_protocol_lists_everything_and_reaches_only_the_officials(client, world, db):
    decision = world["decision"]
    assert world["stored"] == JobStatus.DONE  # rendered in the background after signing
    client.force_login(world["officer"])
    response = client.get(f"/attachments/{decision.protocol_id}/")
    assert response.status_code == 200
    text = " ".join(" ".join(pdf_pages(b"".join(response.streaming_content))).split())
    for application in world["applications"].values():
        assert application.case_number in text and application.business_name in text
    assert "Protocol of the competition committee" in text
    assert str(world["seats"]["m5"].user) in text  # the member who recused, named
    assert "signed" in text and "not signed" not in text
    assert "Selected for a grant (2)" in text and "Reserve list (2)" in text
    # One entry per application: rank, case, names, territory, requested, gates, score with
    # the mean per criterion, grant.
    case = world["applications"][1].case_number
    entry = text[text.index(f"{case} · Business 1") :][:120]
    assert f"{case} · Business 1 — Applicant 1 · Nura · 910,000 · ✓✓✓✓ · 48.00" in entry, entry
    assert "(8.00 8.00 8.00) · 910,000" in entry, entry
    client.force_login(world["seats"]["m1"].user)
    assert client.get(f"/attachments/{decision.protocol_id}/").status_code == 404


PERSONAL = ("iin", "bin", "phone", "email", "address")


def personal_values(world) -> list[str]:
    found = []
    for application in Application.objects.filter(competition=world["competition"]):
        found += [getattr(application, name) for name in PERSONAL if getattr(application, name)]
    return found


def test_published_results_carry_no_personal_data(client, world, db):
    c = world["competition"].pk
    answers = {
        url: client.get(url).content.decode("utf-8")
        for url in (
            f"/grants/{c}/results/",
            f"/grants/{c}/results.csv",
            f"/grants/{c}/360giving.json",
            f"/grants/{c}/360giving.csv",
            f"/api/grants/competitions/{c}/results",
            f"/api/grants/competitions/{c}/360giving",
        )
    }
    secrets = personal_values(world)
    assert len(secrets) >= 16
    for url, body in answers.items():
        assert world["applications"][1].business_name in body, url
        leaked = [value for value in secrets if value in body]
        assert not leaked, (url, leaked)


def test_the_360giving_package_is_valid_against_its_schema(world, db):
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    folder = shared_data("360giving")
    grant_schema = json.loads(Path(folder, "360-giving-schema.json").read_text())
    package_schema = json.loads(Path(folder, "360-giving-package-schema.json").read_text())
    # The schemas name their dialect with "http://", which `referencing` does not know.
    resource = Resource(contents=grant_schema, specification=DRAFT202012)
    registry = Registry().with_resources(
        [(grant_schema["$id"], resource), (grant_schema["$id"].replace("1.4.3", "1.4.2"), resource)]
    )
    package = giving_package(published_results(world["competition"]), site="https://aimaq.example")
    validator = Draft202012Validator(
        package_schema, registry=registry, format_checker=FormatChecker()
    )
    errors = sorted(validator.iter_errors(package), key=str)
    assert not errors, [e.message for e in errors[:5]]
    assert len(package["grants"]) == 2 and package["grants"][0]["currency"] == "KZT"
    assert "recipientIndividual" in package["grants"][0]


def test_every_applicant_is_told_the_decision_the_scores_and_how_to_appeal(world, db):
    outbox = world["outbox"]
    assert sorted(m.to for m in outbox) == sorted(a.email for a in world["applications"].values())
    funded = next(m for m in outbox if m.to == world["applications"][1].email)
    assert "selected for a grant" in funded.body and "910" in funded.body
    assert "Novelty: 8.00 / 10" in funded.body and "appeal" in funded.body
    reserve = next(m for m in outbox if m.to == world["applications"][4].email)
    assert "reserve list" in reserve.body


def test_appeals_are_lodged_in_time_and_answered(world, db):
    application = world["applications"][1]
    appeal = lodge_appeal(application, "My jobs score is too low.", by=world["applicant"])
    answer_appeal(
        appeal,
        answer="Rescored by the committee: unchanged.",
        status="rejected",
        by=world["officer"],
    )
    appeal.refresh_from_db()
    assert appeal.status == "rejected" and appeal.decided_at
    with pytest.raises(PermissionDenied):
        lodge_appeal(world["applications"][3], "Not mine", by=world["applicant"])
    competition = world["competition"]
    competition.appeals_until = timezone.localdate() - timedelta(days=1)
    competition.save()
    application.refresh_from_db()
    with pytest.raises(ValidationError):
        lodge_appeal(application, "Too late", by=world["applicant"])


@pytest.mark.slow
def test_a_declined_award_moves_the_reserve_list_up_in_a_signed_amendment(world, db):
    award = Award.objects.get(application=world["applications"][2])
    amendment = followup.change_award(
        award, status=AwardStatus.DECLINED, reason="Moved away", by=world["officer"]
    )
    assert amendment.version == 2 and amendment.amends == world["decision"]
    outcomes = {line.application_id: line.outcome for line in amendment.lines.all()}
    applications = world["applications"]
    assert outcomes[applications[2].pk] == Outcome.DECLINED
    assert outcomes[applications[1].pk] == Outcome.SELECTED
    assert outcomes[applications[3].pk] == Outcome.SELECTED
    assert outcomes[applications[4].pk] == Outcome.RESERVE
    sign_decision(amendment, by=world["chair"], language="en")
    assert Award.objects.get(application=applications[3]).amount == applications[3].requested
    assert latest_decision(world["competition"], signed=True).version == 2
    assert world["decision"].lines.get(application=applications[2]).outcome == Outcome.SELECTED


def test_jobs_created_reach_the_indicators_per_okrug(world, db):
    from aimaq.indicators.models import Observation

    for award in Award.objects.filter(application__competition=world["competition"]):
        followup.submit_report(
            award, period_end=date(2025, 12, 31), jobs_created=3, revenue=1, by=world["officer"]
        )
    assert followup.publish_jobs(world["competition"], by=world["officer"]) == 2
    values = Observation.objects.filter(indicator__code="grant_jobs_created", period="2025")
    assert sorted((v.territory.kato, v.value) for v in values) == [
        ("355200000", 3.0),
        ("634000000", 3.0),
    ]


def test_the_entrepreneur_reports_on_their_award_and_no_one_elses(world, db):
    own = Award.objects.get(application=world["applications"][1])
    other = Award.objects.get(application=world["applications"][2])
    followup.submit_report(
        own, period_end=date(2025, 6, 30), jobs_created=2, revenue=500_000, by=world["applicant"]
    )
    with pytest.raises(PermissionDenied):
        followup.submit_report(
            other, period_end=date(2025, 6, 30), jobs_created=2, revenue=1, by=world["applicant"]
        )
    tranche = followup.add_tranche(
        own, amount=own.amount, due_on=date(2025, 1, 1), by=world["officer"]
    )
    with pytest.raises(ValidationError):
        followup.add_tranche(own, amount=1, due_on=date(2025, 2, 1), by=world["officer"])
    followup.mark_paid(tranche, paid_on=date(2025, 1, 2), by=world["officer"])
    assert own.paid == own.amount
