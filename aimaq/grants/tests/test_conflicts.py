"""A declared conflict of interest hides the application from the member on every path —
its page, the scoring page, the committee's list, the ranking, the decision, the CSV
export, the API and the protocol's draft, its documents — while everything else stays in
reach; the committee is scoped to its own competition."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.accounts.models import Role
from aimaq.core.attachments import Kind, attach, check_upload
from aimaq.core.attachments.services import attachments_of
from aimaq.core.documents.readback import pdf_pages
from aimaq.core.jobs import JobStatus, run_job
from aimaq.core.jobs.models import Job
from aimaq.core.permissions import allowed_rows, can, declared_actions
from aimaq.grants.jobs import PROTOCOL
from aimaq.grants.models import Application, CommitteeMember, ConflictDeclaration, Status
from aimaq.grants.permissions import VIEW_APPLICATION
from aimaq.grants.services.committee import declare_conflict
from aimaq.grants.services.decision import draft_decision
from aimaq.grants.tests.world import make_application, make_committee, make_competition, score_all
from aimaq.testing.people import UserFactory, user_with_role
from aimaq.testing.properties import examples
from aimaq.testing.territories import small_tree

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def world(module_db, module_media):
    with override_settings(MEDIA_ROOT=module_media):
        return build(module_media)


@pytest.fixture(autouse=True)
def _media(shared_media):
    return shared_media


def build(media) -> dict:
    tree = small_tree()
    competition = make_competition(tree, fund=2_000_000)
    seats = make_committee(competition)
    member = seats["m1"].user
    conflicted = make_application(
        competition, tree["nura"], number=1, business_name="Conflicted bakery"
    )
    clean = make_application(competition, tree["zharaspai"], number=2, business_name="Clean dairy")
    for application in (conflicted, clean):
        score_all(application, seats, {"novelty": 7, "plan": 7, "jobs": 7})
    for application in (conflicted, clean):
        upload = SimpleUploadedFile(f"plan-{application.pk}.pdf", MINIMAL_PDF)
        checked = check_upload(upload, kinds={Kind.PDF})
        attach(application, checked, by=seats["officer"].user, read_action=VIEW_APPLICATION)
    declare_conflict(conflicted, by=member)
    draft_decision(competition, by=seats["officer"].user, present=list(competition.members.all()))
    other = make_competition(tree, name_en="East competition")
    elsewhere = make_application(other, tree["glubokoe"], number=3, business_name="Glubokoe smithy")
    return {
        "tree": tree, "competition": competition, "seats": seats, "member": member,
        "conflicted": conflicted, "clean": clean, "elsewhere": elsewhere,
    }  # fmt: skip


def shown(client, world, application: Application) -> dict[str, bool]:
    """Whether `application` reaches the signed-in person by each path."""
    c = world["competition"].pk
    marker = application.business_name
    text = lambda url: client.get(url).content.decode("utf-8", "replace")  # noqa: E731
    attachment = attachments_of(application).first()
    assert attachment is not None
    api_list = client.get(f"/api/grants/competitions/{c}/applications").json()
    return {
        "page": client.get(f"/grants/applications/{application.pk}/").status_code == 200,
        "score page": client.get(f"/grants/applications/{application.pk}/score/").status_code
        == 200,
        "committee list": marker in text(f"/grants/{c}/committee/"),
        "ranking": marker in text(f"/grants/{c}/ranking/"),
        "decision": marker in text(f"/grants/{c}/decision/"),
        "csv export": marker in text(f"/grants/{c}/applications.csv"),
        "api list": any(row["id"] == application.pk for row in api_list),
        "api single": client.get(f"/api/grants/applications/{application.pk}").status_code == 200,
        "document": client.get(f"/attachments/{attachment.pk}/").status_code == 200,
    }


def test_the_conflicted_member_finds_the_application_on_no_path(client, world, db):
    client.force_login(world["member"])
    assert not any(shown(client, world, world["conflicted"]).values())
    assert all(shown(client, world, world["clean"]).values())


def test_the_conflicted_member_cannot_score_or_declare_it_again(client, world, db):
    client.force_login(world["member"])
    conflicted = world["conflicted"]
    assert (
        client.post(f"/grants/applications/{conflicted.pk}/score/", {"submit": "1"}).status_code
        == 404
    )
    assert client.post(f"/grants/applications/{conflicted.pk}/conflict/").status_code == 404
    api = client.post(
        f"/api/grants/applications/{conflicted.pk}/scores",
        {"scores": {"novelty": 9, "plan": 9, "jobs": 9}, "submit": True},
        content_type="application/json",
    )
    assert api.status_code in (403, 404)
    assert not can(world["member"], "grants.score", conflicted)


def test_the_best_use_page_leaves_it_out_for_the_member_and_says_so(client, world, db):
    client.force_login(world["member"])
    page = client.get(f"/grants/{world['competition'].pk}/ranking/best-use/").content.decode()
    assert "Conflicted bakery" not in page
    assert "1 application is not shown: you declared a conflict of interest on it." in page


@pytest.mark.slow
def test_the_protocols_draft_leaves_it_out_for_the_member_and_says_so(client, world, db):
    client.force_login(world["member"])
    started = client.post(
        f"/grants/{world['competition'].pk}/decision/protocol.pdf", {"language": "en"}
    )
    job = Job.objects.get(kind=PROTOCOL, created_by=world["member"])
    assert started.url == job.progress_url
    assert run_job(job.pk) == JobStatus.DONE  # the worker takes it
    response = client.get(Job.objects.get(pk=job.pk).output_url)
    text = "\n".join(pdf_pages(b"".join(response.streaming_content)))
    assert "Clean dairy" in text and "Conflicted bakery" not in text
    assert "left out: you declared a conflict of interest" in " ".join(text.split())


def test_others_still_see_it(client, world, db):
    client.force_login(world["seats"]["m2"].user)
    assert all(shown(client, world, world["conflicted"]).values())


def test_a_member_scores_nothing_in_another_competition(world, db):
    member = world["member"]
    assert not can(member, "grants.score", world["elsewhere"])
    assert not can(member, "grants.view_application", world["elsewhere"])
    assert can(member, "grants.score", world["clean"])


def test_an_oblast_manager_who_holds_no_seat_does_not_score(world, db):
    manager = user_with_role(Role.MANAGER, world["tree"]["country"])
    assert can(manager, "grants.view_application", world["clean"])
    assert not can(manager, "grants.score", world["clean"])


def test_the_applicant_sees_their_own_application_and_no_one_elses(world, db):
    applicant = UserFactory()
    world["clean"].applicant = applicant
    world["clean"].save()
    assert can(applicant, "grants.view_application", world["clean"])
    assert not can(applicant, "grants.view_application", world["conflicted"])
    assert not can(AnonymousUser(), "grants.view_application", world["clean"])


# --- the list and the single answer never disagree ----------------------------------------

ACTIONS = [spec.name for spec in declared_actions("grants")]
PROPERTY = settings(
    max_examples=examples(15),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def situations(draw):
    return {
        "role": draw(st.sampled_from([None, *Role.values])),
        "place": draw(st.sampled_from(["country", "karaganda", "nura", "east"])),
        "seat": draw(st.sampled_from([None, "chair", "member", "secretary", "officer"])),
        "applications": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "status": st.sampled_from(Status.values),
                        "conflict": st.booleans(),
                        "own": st.booleans(),
                        "channel": st.sampled_from(["online", "paper"]),
                    }
                ),
                min_size=1,
                max_size=4,
            )
        ),
    }


@pytest.mark.slow
@PROPERTY
@given(situation=situations())
def test_lists_and_single_answers_agree_for_every_grants_action(world, db, situation):
    person = UserFactory()
    competition = world["competition"]
    if situation["role"]:
        person.role_grants.create(
            role=situation["role"], territory=world["tree"][situation["place"]]
        )
    if situation["seat"]:
        CommitteeMember.objects.create(
            competition=competition, user=person, role=situation["seat"], interest_group="civil"
        )
    made = []
    for number, spec in enumerate(situation["applications"], start=100):
        application = make_application(
            competition, world["tree"]["nura"], number=number, status=spec["status"],
            applicant=person if spec["own"] else None, channel=spec["channel"], judge=False,
        )  # fmt: skip
        if spec["conflict"]:
            ConflictDeclaration.objects.create(application=application, user=person)
        made.append((application, spec))
    try:
        for action in ACTIONS:
            listed = set(
                allowed_rows(
                    person, action, Application.objects.filter(pk__in=[a.pk for a, _ in made])
                )
            )
            for application, spec in made:
                assert can(person, action, application) is (application in listed), (action, spec)
                if spec["conflict"]:
                    assert not can(person, action, application), (action, spec)
    finally:
        ConflictDeclaration.objects.filter(user=person).delete()
        CommitteeMember.objects.filter(user=person).delete()
        for application, _spec in made:
            application.delete()
        person.delete()


def test_sheets_recorded_in_bulk_refuse_a_conflicted_member_and_write_nothing(world, db):
    from django.core.exceptions import ValidationError

    from aimaq.grants.models import ScoreSheet
    from aimaq.grants.services.committee import record_submitted_sheets

    competition, seats = world["competition"], world["seats"]
    fresh = make_application(competition, world["tree"]["nura"], number=9)
    values = {c.pk: Decimal(6) for c in competition.criteria.filter(kind="scored")}
    batch = [(fresh, seats["m2"].user, values), (world["conflicted"], world["member"], values)]
    with pytest.raises(ValidationError):
        record_submitted_sheets(competition, batch, at=fresh.submitted_at)
    assert not ScoreSheet.objects.filter(application=fresh).exists()


# --- a conflict declared after scoring ------------------------------------------------------


def test_a_conflict_declared_after_scoring_stops_that_sheet_counting_at_once(client, world, db):
    """Six members scored; the one who gave the outlying 1s declares a conflict afterwards:
    the committee's table counts five sheets and the higher mean from that moment, and with
    the quorum no longer met the scoring gate goes back to pending."""
    from aimaq.grants.models import Gate, ScoreSummary
    from aimaq.grants.selectors.ranking import competition_rows

    tree = world["tree"]
    competition = make_competition(tree, quorum=6, name_en="Late conflict")
    seats = make_committee(competition)
    application = make_application(competition, tree["nura"], number=7, business_name="Late")
    score_all(application, seats, {"novelty": 7, "plan": 7, "jobs": 7}, skip=("m1",))
    score_all(application, {"m1": seats["m1"]}, {"novelty": 1, "plan": 1, "jobs": 1})
    before = competition_rows(competition, with_best_use=False).rows[0]
    assert (before.score.sheets, before.score.total) == (6, Decimal("36.00"))
    assert application.gates.get(gate=Gate.SCORING).passed is True

    declare_conflict(application, by=seats["m1"].user)

    summary = ScoreSummary.objects.get(application=application)
    assert (summary.sheets, summary.weighted) == (5, Decimal("42.00"))
    after = competition_rows(competition, with_best_use=False).rows[0]
    assert (after.score.sheets, after.score.total) == (5, Decimal("42.00"))
    assert application.gates.get(gate=Gate.SCORING).passed is None  # 5 sheets, quorum 6
    client.force_login(seats["m2"].user)
    page = client.get(f"/grants/{competition.pk}/ranking/").content.decode()
    assert "42.00" in page and "36.00" not in page
    # The sheet given before the declaration is kept for the record, and the log says so.
    from aimaq.core.activity.models import ActionLogEntry
    from aimaq.grants.models import ScoreSheet

    assert ScoreSheet.objects.filter(application=application, member=seats["m1"]).exists()
    withdrawn = ActionLogEntry.objects.get(
        event="grants.sheet_withdrawn", object_id=str(application.pk)
    )
    assert (withdrawn.actor, withdrawn.data["total"]) == (seats["m1"].user, "6.00")
