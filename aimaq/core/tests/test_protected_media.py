"""Uploaded files are served after the permission check of the object that holds them (an
import's file to its author), never from a public folder."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from aimaq.accounts.models import Role
from aimaq.indicators.models import ImportRun
from aimaq.testing.people import UserFactory, user_with_role


@pytest.fixture
def run(tree):
    author = user_with_role(Role.EDITOR, tree["nura"])
    run = ImportRun(created_by=author, file_name="values.csv", file_format="csv")
    run.file.save("values.csv", ContentFile(b"indicator,territory,period,value\n"), save=True)
    return run


def test_the_author_downloads_her_file(client, run):
    client.force_login(run.created_by)
    response = client.get(run.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"indicator,")
    assert response["Content-Disposition"].startswith("attachment;")


def test_someone_else_is_told_there_is_no_such_file(client, tree, run):
    client.force_login(user_with_role(Role.ADMIN, tree["karaganda"]))
    assert client.get(run.file.url).status_code == 404


def test_a_signed_out_visitor_is_asked_to_sign_in(client, run):
    response = client.get(run.file.url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_admin_link_to_an_imports_file_works_for_a_superuser(client, run):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(f"/admin/indicators/importrun/{run.pk}/change/").content.decode()
    assert f'href="{run.file.url}"' in page
    assert client.get(run.file.url).status_code == 200


def test_a_file_no_app_registered_is_never_served(client, db):
    default_storage.save("stray/secret.txt", ContentFile(b"secret"))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/media/stray/secret.txt").status_code == 404


@pytest.mark.parametrize("path", ["/media/imports/../../settings.py", "/media//etc/passwd"])
def test_paths_outside_the_media_folder_are_refused(client, path, run):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(path).status_code == 404
