"""Nobody learns from their own draft that someone else has applied: the call's limit of
applications per applicant refuses the applicant's own repeat, while another account's
application under the same IIN goes to the officials' screening as a flagged duplicate."""

import pytest

from aimaq.accounts.models import Role
from aimaq.grants.models import DuplicateFlag, Status
from aimaq.grants.services import intake
from aimaq.grants.tests.test_intake import draft_data
from aimaq.grants.tests.world import make_competition
from aimaq.testing.people import UserFactory, user_with_role

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
REPEAT = "already has"
BUDGET = [
    {"item": "Oven", "quantity": 1, "unit_cost": 1_000_000, "requested": 850_000, "own": 150_000}
]


@pytest.fixture
def competition(tree):
    return make_competition(tree)


def drafted(competition, tree, person, **changes):
    application = intake.start_application(competition, draft_data(tree, **changes), by=person)
    intake.save_budget(application, BUDGET, by=person)
    return application


@pytest.fixture
def submitted(competition, tree):
    """Aigerim's application, submitted from her account."""
    owner = UserFactory()
    application = drafted(competition, tree, owner)
    intake.submit(application, by=owner)
    return application


def test_a_stranger_typing_someone_elses_iin_learns_nothing(client, competition, tree, submitted):
    stranger = UserFactory()
    draft = drafted(competition, tree, stranger, applicant_name="Someone else")
    client.force_login(stranger)
    url = f"/grants/applications/{draft.pk}/"
    page = client.get(url, **ENGLISH).content.decode()
    assert REPEAT not in page
    assert "The application meets the automatic checks and may be submitted." in page
    intake.save_budget(draft, [{**BUDGET[0], "requested": 700_000, "own": 300_000}], by=stranger)
    refused = client.post(f"{url}submit/", follow=True, **ENGLISH).content.decode()
    assert "Own contribution 30 % — the call allows 10–20 %." in refused
    assert REPEAT not in refused
    intake.save_budget(draft, BUDGET, by=stranger)
    done = client.post(f"{url}submit/", follow=True, **ENGLISH).content.decode()
    assert "The application is submitted." in done and REPEAT not in done
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_the_officials_screening_shows_the_duplicate(client, competition, tree, submitted):
    stranger = UserFactory()
    draft = drafted(competition, tree, stranger, applicant_name="Someone else")
    intake.submit(draft, by=stranger)
    assert DuplicateFlag.objects.filter(application=draft, other=submitted, kind="same_id").exists()
    client.force_login(user_with_role(Role.EDITOR, tree["country"]))
    listing = client.get(f"/grants/{competition.pk}/manage/", **ENGLISH).content.decode()
    assert listing.count('<span class="visually-hidden">possible duplicate</span>') == 2
    page = client.get(f"/grants/applications/{draft.pk}/", **ENGLISH).content.decode()
    assert "Possible duplicates" in page
    assert (
        f"{submitted.case_number}</a>: the same IIN or BIN "
        "(not counted by the automatic formal check)" in page
    )
    assert "The call allows 1 application(s) per applicant." in page


def test_the_applicants_own_repeat_is_refused_with_the_reason(client, competition, tree, submitted):
    again = drafted(competition, tree, submitted.applicant, business_name="Second bakery")
    client.force_login(submitted.applicant)
    url = f"/grants/applications/{again.pk}/"
    reason = "The applicant already has 1 application(s) in this call; the call allows 1."
    assert reason in client.get(url, **ENGLISH).content.decode()
    refused = client.post(f"{url}submit/", follow=True, **ENGLISH).content.decode()
    assert reason in refused
    again.refresh_from_db()
    assert again.status == Status.DRAFT
