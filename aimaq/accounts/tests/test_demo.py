from aimaq.accounts.demo import DEMO_PASSWORD, load_demo_people
from aimaq.accounts.models import Organisation, RoleGrant, User
from aimaq.core.permissions import can


def counts():
    return (
        Organisation.objects.count(),
        User.objects.count(),
        RoleGrant.objects.count(),
        User.history.count(),
        RoleGrant.history.count(),
    )


def test_demo_people_load_with_logins_printed(tree):
    lines = load_demo_people()
    assert any(line.startswith(f"nura.editor / {DEMO_PASSWORD} — editor") for line in lines)
    assert User.objects.get(username="admin").is_superuser
    nura_editor = User.objects.get(username="nura.editor")
    assert nura_editor.check_password(DEMO_PASSWORD)
    assert nura_editor.preferred_language in {"kk", "ru", "en"}
    assert can(nura_editor, "territories.change", tree["zharaspai"])
    assert not can(nura_editor, "territories.change", tree["glubokoe"])
    assert can(User.objects.get(username="oblast.karaganda"), "accounts.grant", tree["nura"])
    assert Organisation.objects.filter(territory=tree["country"], kind="ministry").exists()
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_demo_people_load_twice_changes_nothing(tree):
    first = load_demo_people()
    before = counts()
    person = User.objects.get(username="nura.viewer")
    person.set_password("changed-by-the-person")
    person.save()

    second = load_demo_people()

    assert second == first
    assert counts() == (before[0], before[1], before[2], before[3] + 1, before[4])
    assert User.objects.get(username="nura.viewer").check_password("changed-by-the-person")


def test_demo_staff_can_sign_in_to_the_admin(client, tree):
    load_demo_people()
    response = client.post(
        "/accounts/login/", {"username": "nura.editor", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    response = client.get("/admin/territories/territory/")
    assert response.status_code == 200
    assert {t.kato for t in response.context["cl"].result_list} == {"355200000", "355243000"}
