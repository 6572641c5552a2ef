"""The import pages: who may reach them, the preview, scope refusals, confirm once, progress."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aimaq.accounts.models import Role
from aimaq.indicators.models import ImportRun, ImportStatus, Observation
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401
from aimaq.testing.people import user_with_role

pytestmark = pytest.mark.django_db

IN_SCOPE = (
    "indicator,kato,period,value\nunemployment,355200000,2023,5.2\nincome,355200000,2023,175000\n"
)
MIXED = IN_SCOPE + "unemployment,634000000,2023,4.0\n"


@pytest.fixture
def editor(world, client, immediate_tasks):
    user = user_with_role(Role.EDITOR, world["nura"])
    client.force_login(user)
    return user


def upload(client, text: str, name: str = "figures.csv", *, check: bool = True, **fields):
    """Posts the upload form; `check`: the queued check job runs (as the worker would)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import TestCase

    data = {"layout": "auto", "match": "auto", "sheet": "", "indicator": "", **fields}
    data["file"] = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    with TestCase.captureOnCommitCallbacks(execute=check):
        return client.post(reverse("indicators:import"), data, HTTP_ACCEPT_LANGUAGE="en")


def set_job(job, **fields):
    """Moves a job as a worker would (or as a dead one would not)."""
    from aimaq.core.jobs import Job

    Job.objects.filter(pk=job.pk).update(**fields)


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("indicators:import"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_person_without_change_right_gets_403(client, world):
    client.force_login(user_with_role(Role.VIEWER, world["nura"]))
    assert client.get(reverse("indicators:import")).status_code == 403


def test_upload_form_has_labelled_fields(client, editor):
    html = client.get(reverse("indicators:import"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name in ("file", "layout", "sheet", "indicator", "match"):
        assert f'for="id_{name}"' in html


def test_the_upload_only_keeps_the_file_and_queues_its_check(client, editor):
    response = upload(client, IN_SCOPE, check=False)
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("indicators:import_preview", args=[run.pk])
    assert run.status == ImportStatus.VALIDATING and run.rows_total == 0 and run.file
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Checking the file: waiting to start" in html and 'hx-trigger="every 1s"' in html
    assert "Confirm and import" not in html


def test_preview_counts_and_nothing_written(client, editor):
    response = upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    assert response["Location"] == reverse("indicators:import_preview", args=[run.pk])
    assert run.status == ImportStatus.PREVIEW and run.new == 2
    assert not Observation.objects.filter(period="2023").exists()
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-count="new">2<' in html
    assert "Confirm and import" in html and "every 1s" not in html


def test_the_preview_page_polls_the_check_and_then_shows_what_it_found(client, editor):
    from aimaq.core.jobs import run_job

    upload(client, IN_SCOPE, check=False)
    run = ImportRun.objects.get()
    url = reverse("indicators:import_preview", args=[run.pk])
    set_job(run.check_job, status="running", done=1, total=2)
    polled = client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<html" not in polled and f'hx-get="{url}"' in polled and "1 / 2" in polled
    set_job(run.check_job, status="queued", done=0, total=0)
    run_job(run.check_job_id)  # the worker takes it
    polled = client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-count="new">2<' in polled and "every 1s" not in polled
    assert "Confirm and import" in polled


def test_an_upload_beyond_the_size_limit_is_refused_and_nothing_is_kept(client, editor, settings):
    settings.AIMAQ_IMPORT_MAX_UPLOAD_MB = 0.0001  # about 100 bytes
    response = upload(client, IN_SCOPE * 3)
    assert response.status_code == 200 and not ImportRun.objects.exists()
    html = response.content.decode()
    assert "expected a file of at most" in html and "split it into several files" in html
    assert not list(settings.MEDIA_ROOT.rglob("*.csv"))


def test_the_size_limit_is_said_on_the_form_and_its_refusal_in_the_persons_language(
    client, editor, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.AIMAQ_IMPORT_MAX_UPLOAD_MB = 0.0001
    page = client.get(reverse("indicators:import"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Files of up to 0.0 MB" in page
    data = {"layout": "auto", "match": "auto", "sheet": "", "indicator": ""}
    data["file"] = SimpleUploadedFile("big.csv", (IN_SCOPE * 5).encode())
    html = client.post(reverse("indicators:import"), data, HTTP_ACCEPT_LANGUAGE="ru").content
    assert "разделите его на несколько файлов" in html.decode()
    assert not ImportRun.objects.exists()


def test_rows_outside_the_editors_scope_are_refused_with_a_message(client, editor):
    upload(client, MIXED)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.REFUSED
    assert run.refused == 1
    error = next(e for e in run.errors if e["value"] == "634000000")
    assert error["row"] == 4 and "may change" in error["expected"]
    html = client.get(
        reverse("indicators:import_preview", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "634000000" in html and "Confirm and import" not in html
    report = client.get(reverse("indicators:import_errors", args=[run.pk]))
    assert report.content.startswith(b"\xef\xbb\xbf") and b"634000000" in report.content


def test_the_editors_scope_is_stored_with_the_run_and_checked_again_on_confirm(
    client, editor, django_capture_on_commit_callbacks
):
    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.PREVIEW and run.options["scope"] == {
        "prefixes": [world_scope(editor)]
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("indicators:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert (
        run.status == ImportStatus.DONE and Observation.objects.filter(import_run=run).count() == 2
    )


def test_a_superuser_imports_anywhere(client, world, immediate_tasks):
    from aimaq.testing.people import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    upload(client, MIXED)
    run = ImportRun.objects.get()
    assert (
        run.status == ImportStatus.PREVIEW
        and run.refused == 0
        and run.options["scope"] == {"everywhere": True}
    )


def world_scope(user) -> str:
    from aimaq.core.permissions import roots_where

    return roots_where(user, "indicators.change")[0].prefix


def test_file_errors_shown_with_row_column_value_expected(client, editor):
    upload(client, "indicator,kato,period,value\nunemployment,355200000,2023,lots\n")
    run = ImportRun.objects.get()
    html = client.get(
        reverse("indicators:import_preview", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert run.status == ImportStatus.REFUSED
    assert "<code>lots</code>" in html and ">2<" in html


def test_confirm_imports_once_even_when_clicked_twice(
    client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    from aimaq.core.jobs import services as jobs

    started = []
    real = jobs.queue_task
    monkeypatch.setattr(jobs, "queue_task", lambda pk: started.append(pk) or real(pk))
    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    url = reverse("indicators:import_confirm", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url)
    assert (
        first["Location"]
        == second["Location"]
        == reverse("indicators:import_progress", args=[run.pk])
    )
    run.refresh_from_db()
    assert started == [run.check_job_id, run.write_job_id]
    assert run.status == ImportStatus.DONE
    assert Observation.objects.get(period="2023", indicator__code="unemployment").value == 5.2


def test_progress_partial_polls_while_running_and_links_the_map_when_done(
    client, editor, django_capture_on_commit_callbacks
):
    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    url = reverse("indicators:import_progress", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("indicators:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    set_job(run.write_job, status="running", done=1, total=2)
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html and "<progress" in html and "<html" not in html
    assert f'hx-get="{url}"' in html
    set_job(run.write_job, status="queued", done=0)
    from aimaq.core.jobs import run_job

    run_job(run.write_job_id)
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" not in html
    assert 'value="2"' in html and "Importing the file: done" in html
    assert "/indicators/map/" in html and "parent=350000000" in html and "period=2023" in html


def test_other_peoples_imports_are_hidden(client, editor, world):
    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    client.force_login(user_with_role(Role.EDITOR, world["nura"]))
    assert client.get(reverse("indicators:import_preview", args=[run.pk])).status_code == 404
    assert client.post(reverse("indicators:import_confirm", args=[run.pk])).status_code == 404
    assert client.post(reverse("indicators:import_restart", args=[run.pk])).status_code == 404


def test_confirm_needs_post(client, editor):
    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    assert client.get(reverse("indicators:import_confirm", args=[run.pk])).status_code == 405


def test_an_import_whose_worker_died_is_run_again_once(
    client, editor, django_capture_on_commit_callbacks
):
    from aimaq.core.jobs.liveness import this_process

    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("indicators:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    progress = reverse("indicators:import_progress", args=[run.pk])
    restart = reverse("indicators:import_restart", args=[run.pk])
    # Being written right now: nothing offers to start it again, and asking does nothing.
    set_job(run.write_job, status="running", worker=this_process(), updated_at=timezone.now())
    html = client.get(progress, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "every 1s" in html and "Run it again" not in html
    client.post(restart)
    assert ImportRun.objects.get().status == ImportStatus.WRITING
    # No sign of life for twenty minutes and its worker gone: nothing of it was written.
    set_job(run.write_job, worker="", updated_at=timezone.now() - timedelta(minutes=20))
    html = client.get(progress, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the background worker was interrupted" in html and "Run it again" in html
    assert f'action="{restart}"' in html and "every 1s" not in html
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(restart)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(restart)  # the double click
    assert first["Location"] == progress
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE and run.new == 2 and run.write_job.attempts == 1
    assert Observation.objects.filter(import_run=run).count() == 2


def test_a_stalled_check_is_run_again_from_the_kept_file(
    client, editor, django_capture_on_commit_callbacks
):
    upload(client, IN_SCOPE, check=False)
    run = ImportRun.objects.get()
    set_job(run.check_job, status="running", updated_at=timezone.now() - timedelta(minutes=20))
    preview = reverse("indicators:import_preview", args=[run.pk])
    assert "Run it again" in client.get(preview, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("indicators:import_restart", args=[run.pk]))
    assert response["Location"] == preview
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEW and run.new == 2


def test_a_stalled_command_line_run_is_not_offered_again(client, editor, world):
    """A run from the command line keeps no file: the worker could not run it again."""
    from aimaq.core.jobs import Job

    job = Job.objects.create(
        kind="core.import_write", status="running", done=2065655, created_by=editor
    )
    run = ImportRun.objects.create(
        file_name="national.csv", file_format="csv", created_by=editor, write_job=job
    )
    set_job(job, updated_at=timezone.now() - timedelta(minutes=20))
    html = client.get(
        reverse("indicators:import_progress", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "run the command again" in html and "Run it again" not in html
    assert "2065655 / 0" not in html
    from aimaq.indicators.services import restart_stalled_import

    assert not restart_stalled_import(run)


def test_a_right_revoked_between_confirm_and_write_stops_the_import(
    client, editor, world, django_capture_on_commit_callbacks
):
    from aimaq.accounts.models import RoleGrant
    from aimaq.core.jobs import run_job

    upload(client, IN_SCOPE)
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("indicators:import_confirm", args=[run.pk]))
    RoleGrant.objects.filter(user=editor).update(territory=world["osakarovka"])
    run.refresh_from_db()
    run_job(run.write_job_id)  # the worker takes it now
    run.refresh_from_db()
    assert run.status == ImportStatus.REFUSED and run.refused == 2
    assert run.options["scope"] == {"prefixes": [world["osakarovka"].prefix]}
    assert "may change" in run.errors[0]["expected"]
    assert not Observation.objects.filter(period="2023").exists()
    html = client.get(
        reverse("indicators:import_progress", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Importing the file: refused" in html and "See the problems" in html


def test_a_run_no_worker_takes_says_so(client, editor):
    upload(client, IN_SCOPE, check=False)
    run = ImportRun.objects.get()
    set_job(run.check_job, updated_at=timezone.now() - timedelta(minutes=5))
    html = client.get(
        reverse("indicators:import_preview", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Waiting for the background worker" in html and "every 1s" in html


def test_a_viewer_is_not_offered_imports_and_gets_a_page_saying_why(client, world):
    client.force_login(user_with_role(Role.VIEWER, world["nura"]))
    listing = client.get(reverse("indicators:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("indicators:import") not in listing
    refused = client.get(reverse("indicators:import"), HTTP_ACCEPT_LANGUAGE="ru")
    html = refused.content.decode()
    assert refused.status_code == 403
    assert 'class="site-header"' in html and 'lang="ru"' in html
    assert "Доступ запрещён" in html


def test_an_editor_is_offered_imports(client, editor):
    listing = client.get(reverse("indicators:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("indicators:import") in listing


def test_an_unknown_territory_gets_a_page_in_the_sites_language(client, world):
    missing = client.get("/indicators/profile/999999999/", HTTP_ACCEPT_LANGUAGE="kk")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert 'class="site-header"' in html and "Бет табылмады" in html
