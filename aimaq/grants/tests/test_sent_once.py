"""A double click on "apply" or on a paper entry makes one application, and both clicks
lead to it."""

import pytest

from aimaq.accounts.models import Role
from aimaq.grants.models import Application
from aimaq.testing.forms import sent_twice
from aimaq.testing.people import UserFactory, user_with_role

from .test_budget_limits import paper
from .test_intake import draft_data
from .world import make_competition

pytestmark = pytest.mark.django_db


def test_a_double_click_on_apply_makes_one_draft(client, tree):
    competition = make_competition(tree)
    client.force_login(UserFactory())
    data = {**draft_data(tree), "language": "ru"}
    data["territory"] = data["territory"].pk

    first, second = sent_twice(client, f"/grants/{competition.pk}/apply/", data)

    made = Application.objects.get()
    assert first.url == second.url == f"/grants/applications/{made.pk}/"


def test_a_double_click_on_a_paper_entry_makes_one_application(client, tree):
    competition = make_competition(tree)
    client.force_login(user_with_role(Role.EDITOR, tree["country"]))

    first, second = sent_twice(client, f"/grants/{competition.pk}/paper/", paper(tree))

    made = Application.objects.get()
    assert first.url == second.url == f"/grants/applications/{made.pk}/"
