"""Background jobs: started, run once, progress seen, failures told, "run it again" once."""

import logging
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from aimaq.core.jobs import (
    Job,
    JobRefused,
    JobStatus,
    enqueue_job,
    register_job,
    restart_stalled_job,
    run_job,
)

pytestmark = pytest.mark.django_db

SEEN_WHILE_RUNNING: list[tuple[str, int, int, str]] = []


def count_to_three(job: Job) -> dict:
    for step in range(1, 4):
        job.report(done=step, total=3, message=gettext_lazy("Status"))
        # What another connection (the progress page) sees right now.
        fresh = Job.objects.get(pk=job.pk)
        SEEN_WHILE_RUNNING.append((fresh.status, fresh.done, fresh.total, fresh.message))
    job.attach_output("three.txt", b"1 2 3", "text/plain")
    return {"counted": 3, "by": job.params.get("who", "")}


def fail_with_personal_data(job: Job) -> None:
    raise ValueError("IIN 061211600012 of Aigerim")


def refuse(job: Job) -> None:
    raise JobRefused(gettext_lazy("Nothing was written."))


register_job("tests.count", count_to_three, label=gettext_lazy("Counting"))
register_job("tests.fail", fail_with_personal_data, label="Failing")
register_job("tests.refuse", refuse, label="Refusing")


@pytest.fixture
def person(client):
    user = get_user_model().objects.create_user("aigerim", password="x")
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def immediate(immediate_tasks):
    SEEN_WHILE_RUNNING.clear()


def start(name, by, django_capture_on_commit_callbacks, **params) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job(name, by=by, params=params)
    job.refresh_from_db()
    return job


def test_a_job_runs_its_runner_reports_progress_at_once_and_keeps_its_result(
    person, django_capture_on_commit_callbacks
):
    job = start("tests.count", person, django_capture_on_commit_callbacks, who="me")
    assert SEEN_WHILE_RUNNING == [
        ("running", 1, 3, "Status"),
        ("running", 2, 3, "Status"),
        ("running", 3, 3, "Status"),
    ]
    assert job.status == JobStatus.DONE and job.result == {"counted": 3, "by": "me"}
    assert (job.done, job.total, job.attempts) == (3, 3, 1)
    assert (
        job.started_at and job.finished_at and job.worker.endswith(f":{__import__('os').getpid()}")
    )


def test_nothing_runs_before_the_transaction_commits(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = enqueue_job("tests.count", by=person)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED and len(callbacks) == 1


def test_an_unknown_kind_is_refused_when_starting_not_in_the_worker(person):
    with pytest.raises(LookupError, match="tests.count"):
        enqueue_job("tests.cuont", by=person)
    assert not Job.objects.exists()


def test_a_job_queued_twice_runs_once(person, django_capture_on_commit_callbacks):
    job = start("tests.count", person, django_capture_on_commit_callbacks)
    assert run_job(job.pk) == JobStatus.DONE
    assert Job.objects.get(pk=job.pk).attempts == 1 and len(SEEN_WHILE_RUNNING) == 3


def test_a_failure_is_told_in_the_persons_language_and_logged_once_without_personal_data(
    person, django_capture_on_commit_callbacks, caplog
):
    with translation.override("ru"), caplog.at_level(logging.ERROR, logger="aimaq.jobs"):
        job = start("tests.fail", person, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED and job.language == "ru"
    assert "ValueError" in job.error and "непредвиденной ошибки" in job.error
    assert "061211600012" not in job.error
    records = [r for r in caplog.records if r.name == "aimaq.jobs"]
    assert len(records) == 1 and "ValueError" in records[0].getMessage()
    assert "061211600012" not in caplog.text and "Aigerim" not in caplog.text


def test_a_refusal_ends_the_job_refused_with_its_message(
    person, django_capture_on_commit_callbacks
):
    with translation.override("kk"):
        job = start("tests.refuse", person, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.REFUSED and job.error == "Ештеңе жазылған жоқ."


def test_the_progress_page_polls_while_running_and_says_done_when_done(
    client, person, django_capture_on_commit_callbacks
):
    job = Job.objects.create(kind="tests.count", created_by=person, status=JobStatus.RUNNING)
    Job.objects.filter(pk=job.pk).update(done=1, total=3)
    url = reverse("core:job_progress", args=[job.pk])
    assert url == f"/jobs/{job.pk}/" == job.progress_url
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html and "<html" not in html
    assert "Counting: in progress" in html and 'value="1"' in html and "1 / 3" in html
    job = start("tests.count", person, django_capture_on_commit_callbacks)
    page = client.get(job.progress_url).content.decode()
    assert "<html" in page and "every 1s" not in page
    assert "<h1" in page and "Counting: done" in page and "in progress" not in page
    assert f'href="/jobs/{job.pk}/output/"' in page and "Download three.txt" in page
    download = client.get(job.output_url)
    assert download["Content-Disposition"] == 'attachment; filename="three.txt"'
    assert b"".join(download.streaming_content) == b"1 2 3"


def test_the_page_speaks_the_persons_language(client, person, django_capture_on_commit_callbacks):
    job = start("tests.count", person, django_capture_on_commit_callbacks)
    html = client.get(job.progress_url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Статус" in html


def test_a_failed_job_shows_its_error(client, person, django_capture_on_commit_callbacks):
    job = start("tests.fail", person, django_capture_on_commit_callbacks)
    html = client.get(job.progress_url).content.decode()
    assert "Failing: failed" in html and 'role="alert"' in html and "ValueError" in html


def test_only_its_creator_and_superusers_see_a_job(
    client, person, django_capture_on_commit_callbacks
):
    job = start("tests.count", person, django_capture_on_commit_callbacks)
    other = get_user_model().objects.create_user("other", password="x")
    client.force_login(other)
    assert client.get(job.progress_url).status_code == 404
    assert client.get(job.output_url).status_code == 404
    assert client.post(reverse("core:job_restart", args=[job.pk])).status_code == 404
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    assert client.get(job.progress_url).status_code == 200
    client.logout()
    assert client.get(job.progress_url).status_code == 302


def dead_worker() -> str:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return f"{socket.gethostname()}:{gone.stdout.strip()}"


def test_a_job_is_stalled_only_when_silent_and_its_worker_is_gone(person):
    from aimaq.core.jobs.liveness import this_process

    job = Job.objects.create(kind="tests.count", status=JobStatus.RUNNING, worker=this_process())
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    job.refresh_from_db()
    assert not job.is_stalled  # silent for an hour, but its worker (this process) runs
    job.worker = dead_worker()
    assert job.is_stalled
    job.updated_at = timezone.now()
    assert not job.is_stalled  # moved a moment ago


def test_a_stalled_job_is_offered_again_and_a_double_click_runs_it_once(
    client, person, django_capture_on_commit_callbacks, settings
):
    settings.AIMAQ_JOB_STALLED_AFTER = 60
    job = Job.objects.create(
        kind="tests.count", created_by=person, status=JobStatus.RUNNING, worker=dead_worker()
    )
    restart = reverse("core:job_restart", args=[job.pk])
    html = client.get(job.progress_url).content.decode()
    assert "every 1s" in html and "Run it again" not in html  # silent for seconds only
    assert not restart_stalled_job(job)
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=2))
    html = client.get(job.progress_url).content.decode()
    assert "Counting: interrupted" in html and "Run it again" in html and "every 1s" not in html
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(restart)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(restart)  # the double click
    assert first["Location"] == job.progress_url
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1 and len(SEEN_WHILE_RUNNING) == 3


def test_a_job_no_worker_takes_says_so(client, person):
    job = Job.objects.create(kind="tests.count", created_by=person)
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    html = client.get(job.progress_url).content.decode()
    assert "Waiting for the background worker" in html and "every 1s" in html


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_worker_runs_a_queued_job(settings):
    """The production path: the task waits in the database queue until `db_worker` takes it."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = enqueue_job("tests.count", params={"who": "worker"})
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"counted": 3, "by": "worker"}
