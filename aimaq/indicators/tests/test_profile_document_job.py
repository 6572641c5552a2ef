"""The profile document as a background job: the page's PDF/DOCX buttons start it for a
signed-in person, the progress page follows it, and its output is the file."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from aimaq.core.documents.readback import docx_text
from aimaq.core.jobs import Job, JobStatus, enqueue_job  # noqa: E402
from aimaq.indicators.jobs import PROFILE_DOCUMENT, register_jobs  # noqa: E402
from aimaq.indicators.tests.test_views_fixtures import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def immediate(immediate_tasks):
    register_jobs()  # what IndicatorsConfig.ready() does; registering twice is harmless


@pytest.fixture
def economist(client):
    user = get_user_model().objects.create_user("economist", password="x")
    client.force_login(user)
    return user


def test_profile_button_starts_a_job_whose_output_is_the_docx(
    client, world, economist, django_capture_on_commit_callbacks
):
    start = reverse("indicators:profile_document_start", args=["350000000"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start, {"format": "docx", "lang": "ru"})
    job = Job.objects.get(kind=PROFILE_DOCUMENT)
    assert response.status_code == 302 and response["Location"] == job.progress_url
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert (job.done, job.total) == (3, 3)
    assert job.output_name == "aimaq-profile-350000000-ru.docx"
    progress = client.get(job.progress_url).content.decode()
    assert job.output_url in progress
    download = client.get(job.output_url)
    data = b"".join(download.streaming_content) if download.streaming else download.content
    titles = [text for style, text in docx_text(data).paragraphs if style == "Title"]
    assert titles == ["Профиль: Карагандинская область"]


def test_profile_job_for_a_territory_that_is_gone_is_refused_with_a_reason(
    world, economist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job(
            PROFILE_DOCUMENT,
            by=economist,
            params={"kato": "999999999", "language": "en", "format": "pdf"},
        )
    job.refresh_from_db()
    assert job.status == JobStatus.REFUSED
    assert job.error == "No current territory with KATO code 999999999."
