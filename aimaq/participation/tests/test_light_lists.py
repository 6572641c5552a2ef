"""Lists of processes, proposals, calls and consultations, and the checks of a signed-in
person's roles, read territories without their boundaries: a real oblast's outline is
megabytes, and a list row needs only its name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .world import participation_world

pytestmark = pytest.mark.django_db

HEAVY = ('."boundary"', '."boundary_web"')
LISTS = [
    "participation:home",
    "participation:proposals",
    "participation:moderation",
    "participation:calls",
    "participation:consultations",
    "plans:dashboard",
    "accounts:me",
]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_page_never_reads_territory_boundaries(client, name):
    world = participation_world()
    client.force_login(world["editor"])

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))

    assert response.status_code == 200
    territory_reads = [q["sql"] for q in captured if '"territories_territory"' in q["sql"]]
    assert territory_reads, "the page shows territories, so it reads some"
    heavy = [sql for sql in territory_reads for column in HEAVY if column in sql]
    assert not heavy, heavy
