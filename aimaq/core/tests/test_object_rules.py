"""Object rules through the one check: membership of a body, a declared conflict of interest,
authorship and a span of several territories — on `can()`, lists, pages, the API and the
export alike (the test-only `dossiers` app stands in for competitions and plans)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.accounts.models import Role
from aimaq.core.permissions import allowed_rows, can, declared_actions
from aimaq.testing.dossiers.models import (
    Board,
    BoardMember,
    ConflictDeclaration,
    Dossier,
    Programme,
)
from aimaq.testing.people import UserFactory, user_with_role
from aimaq.testing.properties import examples

DOSSIER_ACTIONS = [spec.name for spec in declared_actions("dossiers")]


@pytest.fixture
def boards(tree):
    karaganda = Board.objects.create(territory=tree["karaganda"], name="Karaganda committee")
    east = Board.objects.create(territory=tree["east"], name="East committee")
    return {"karaganda": karaganda, "east": east}


def dossier(board, territory, **fields) -> Dossier:
    return Dossier.objects.create(board=board, territory=territory, title="Bakery", **fields)


def member_of(board, user=None):
    user = user or UserFactory()
    BoardMember.objects.create(board=board, user=user)
    return user


def test_a_member_scores_the_dossiers_of_their_own_board_only(tree, boards):
    member = member_of(boards["karaganda"])
    own = dossier(boards["karaganda"], tree["nura"])
    other = dossier(boards["east"], tree["glubokoe"])
    assert can(member, "dossiers.score", own)
    assert not can(member, "dossiers.score", other)
    assert list(allowed_rows(member, "dossiers.score", Dossier.objects.all())) == [own]


def test_an_oblast_manager_who_is_not_a_member_does_not_score(tree, boards):
    manager = user_with_role(Role.MANAGER, tree["karaganda"])
    assert not can(manager, "dossiers.score", dossier(boards["karaganda"], tree["nura"]))


def test_a_conflicted_member_neither_sees_nor_scores_that_dossier(tree, boards):
    member = member_of(boards["karaganda"])
    conflicted = dossier(boards["karaganda"], tree["nura"])
    clean = dossier(boards["karaganda"], tree["zharaspai"])
    ConflictDeclaration.objects.create(dossier=conflicted, user=member)
    for action in ("dossiers.view", "dossiers.score"):
        assert not can(member, action, conflicted)
        assert can(member, action, clean)
    assert list(allowed_rows(member, "dossiers.view", Dossier.objects.all())) == [clean]


def test_a_conflict_shuts_out_even_a_territory_editor_who_declared_it(tree, boards):
    editor = user_with_role(Role.EDITOR, tree["karaganda"])
    conflicted = dossier(boards["karaganda"], tree["nura"])
    ConflictDeclaration.objects.create(dossier=conflicted, user=editor)
    assert not can(editor, "dossiers.change", conflicted)
    assert can(editor, "dossiers.change", dossier(boards["karaganda"], tree["nura"]))


def test_the_author_withdraws_a_draft_but_not_a_submitted_dossier(tree, boards):
    author = UserFactory()
    draft = dossier(boards["karaganda"], tree["nura"], author=author)
    submitted = dossier(boards["karaganda"], tree["nura"], author=author, status="submitted")
    assert can(author, "dossiers.withdraw", draft)
    assert not can(author, "dossiers.withdraw", submitted)
    assert not can(UserFactory(), "dossiers.withdraw", draft)


def test_a_programme_across_oblasts_is_changed_only_by_someone_in_scope_of_all(tree):
    programme = Programme.objects.create(title="Two oblasts")
    programme.territories.set([tree["karaganda"], tree["east"]])
    one_oblast = user_with_role(Role.EDITOR, tree["karaganda"])
    both = user_with_role(Role.EDITOR, tree["karaganda"])
    both.role_grants.create(role=Role.EDITOR, territory=tree["east"])
    assert not can(one_oblast, "dossiers.change_programme", programme)
    assert can(both, "dossiers.change_programme", programme)
    assert not allowed_rows(one_oblast, "dossiers.change_programme", Programme.objects.all())
    assert list(allowed_rows(both, "dossiers.change_programme", Programme.objects.all())) == [
        programme
    ]


# --- pages, API and export ----------------------------------------------------------------


def paths(item: Dossier) -> dict[str, str]:
    return {
        "page": f"/testing/dossiers/{item.pk}/",
        "api": f"/testing/dossiers/api/dossiers/{item.pk}",
    }


def shown_everywhere(client, item: Dossier) -> dict[str, bool]:
    """Whether the dossier shows on each path a person could read it from."""
    title = item.title
    listed = title in client.get("/testing/dossiers/").content.decode()
    exported = title in client.get("/testing/dossiers/export.csv").content.decode()
    api_listed = any(
        row["id"] == item.pk for row in client.get("/testing/dossiers/api/dossiers").json()
    )
    single = {name: client.get(path).status_code == 200 for name, path in paths(item).items()}
    return {"list": listed, "export": exported, "api list": api_listed, **single}


def test_a_conflicted_member_finds_the_dossier_on_no_page_api_or_export(client, tree, boards):
    member = member_of(boards["karaganda"])
    conflicted = Dossier.objects.create(
        board=boards["karaganda"], territory=tree["nura"], title="Conflicted <bakery>"
    )
    clean = Dossier.objects.create(
        board=boards["karaganda"], territory=tree["nura"], title="Clean dairy"
    )
    ConflictDeclaration.objects.create(dossier=conflicted, user=member)
    client.force_login(member)
    assert shown_everywhere(client, clean) == dict.fromkeys(shown_everywhere(client, clean), True)
    assert not any(shown_everywhere(client, conflicted).values())
    assert client.post(f"/testing/dossiers/{conflicted.pk}/score").status_code == 404
    assert client.post(f"/testing/dossiers/{clean.pk}/score").status_code == 200


# --- properties ----------------------------------------------------------------------------

PLACES = ("country", "karaganda", "nura", "zharaspai", "east", "glubokoe")
PROPERTY = settings(
    max_examples=examples(40),
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def situations(draw):
    """A person with some territory role, seats on some boards, conflicts on some dossiers,
    authorship of some, against dossiers in random places, some published."""
    return {
        "role": draw(st.sampled_from([None, *Role.values])),
        "role_place": draw(st.sampled_from(PLACES)),
        "seats": draw(st.sets(st.sampled_from(["karaganda", "east"]))),
        "dossiers": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "board": st.sampled_from(["karaganda", "east"]),
                        "place": st.sampled_from(PLACES[1:]),
                        "published": st.booleans(),
                        "conflict": st.booleans(),
                        "authored": st.booleans(),
                        "status": st.sampled_from(["draft", "submitted"]),
                    }
                ),
                min_size=1,
                max_size=5,
            )
        ),
    }


def build(tree, boards, situation):
    person = UserFactory()
    if situation["role"]:
        person.role_grants.create(role=situation["role"], territory=tree[situation["role_place"]])
    for seat in situation["seats"]:
        member_of(boards[seat], person)
    items = []
    for spec in situation["dossiers"]:
        item = Dossier.objects.create(
            board=boards[spec["board"]],
            territory=tree[spec["place"]],
            title=f"Dossier {len(items)}",
            is_published=spec["published"],
            status=spec["status"],
            author=person if spec["authored"] else None,
        )
        if spec["conflict"]:
            ConflictDeclaration.objects.create(dossier=item, user=person)
        items.append((item, spec))
    return person, items


@pytest.mark.slow
@PROPERTY
@given(situation=situations())
def test_list_and_single_object_answers_never_disagree(tree, boards, situation):
    person, items = build(tree, boards, situation)
    try:
        for user in (person, AnonymousUser()):
            for action in DOSSIER_ACTIONS:
                if action == "dossiers.change_programme":
                    continue
                listed = set(allowed_rows(user, action, Dossier.objects.all()))
                for item, _spec in items:
                    assert can(user, action, item) is (item in listed), (action, _spec)
    finally:
        Dossier.objects.all().delete()
        person.delete()


@pytest.mark.slow
@settings(PROPERTY, max_examples=examples(20))
@given(situation=situations())
def test_a_conflicted_person_never_sees_the_dossier_through_any_path(
    client, tree, boards, situation
):
    person, items = build(tree, boards, situation)
    client.force_login(person)
    try:
        for item, spec in items:
            if spec["conflict"]:
                assert not can(person, "dossiers.view", item)
                assert not any(shown_everywhere(client, item).values()), spec
    finally:
        Dossier.objects.all().delete()
        person.delete()
