"""A form that creates something makes it once, however often its page is sent: a double
click or a resent page leads to what the first sending made."""

from datetime import date, timedelta

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import RequestContext, Template
from django.urls import path
from django.utils import timezone

from aimaq import urls as site_urls
from aimaq.core import submissions
from aimaq.core.submissions import Submission, sent_once
from aimaq.core.workdays.models import WorkingDayChange
from aimaq.testing.forms import submission_token
from aimaq.testing.people import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

PAGE = Template(
    "{% load submissions %}<form method='post'>{% csrf_token %}{% submission_token %}"
    "{{ form }}</form>"
)


class DayForm(forms.Form):
    day = forms.DateField()


@sent_once
def new_day(request: HttpRequest) -> HttpResponse:
    form = DayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = WorkingDayChange.objects.create(day=form.cleaned_data["day"], kind="working")
        return redirect("day", pk=change.pk)
    return HttpResponse(PAGE.render(RequestContext(request, {"form": form})))


def day(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(str(pk))


# The site's own addresses too: the "already being sent" page is drawn in the site frame.
urlpatterns = [
    path("new/", new_day, name="new_day"),
    path("<int:pk>/", day, name="day"),
    *site_urls.urlpatterns,
]


def test_a_double_click_makes_one_thing_and_leads_both_clicks_to_it(client):
    token = submission_token(client.get("/new/"))

    first = client.post("/new/", {"day": "2026-01-03", "submission": token})
    second = client.post("/new/", {"day": "2026-01-03", "submission": token})

    assert WorkingDayChange.objects.count() == 1
    made = WorkingDayChange.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == f"/{made.pk}/"
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        "This form had already been sent: here is what it made."
    ]


def test_a_refused_sending_can_be_corrected_and_sent_again_with_the_same_page(client):
    token = submission_token(client.get("/new/"))

    refused = client.post("/new/", {"day": "the third", "submission": token})
    assert refused.status_code == 200 and not WorkingDayChange.objects.exists()

    corrected = client.post("/new/", {"day": "2026-01-03", "submission": token})
    assert corrected.status_code == 302
    assert WorkingDayChange.objects.get().day == date(2026, 1, 3)


def test_each_page_shown_sends_its_own_thing_and_a_post_without_a_token_always_runs(client):
    for day_of_month in (3, 4):
        token = submission_token(client.get("/new/"))
        client.post("/new/", {"day": f"2026-01-0{day_of_month}", "submission": token})
    client.post("/new/", {"day": "2026-01-05"})  # an API-like client sends no token

    assert WorkingDayChange.objects.count() == 3


def test_a_second_sending_while_the_first_is_still_running_is_not_run(client, monkeypatch):
    monkeypatch.setattr(submissions, "WAIT_SECONDS", 0.3)
    token = submission_token(client.get("/new/"))
    Submission.objects.create(token=token)  # the first sending, still being made

    second = client.post("/new/", {"day": "2026-01-03", "submission": token})

    assert second.status_code == 409
    assert "This form is already being sent" in second.content.decode()
    assert not WorkingDayChange.objects.exists()


def test_old_tokens_are_forgotten(client):
    old = Submission.objects.create(token="00000000-0000-4000-8000-000000000000")
    Submission.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=3))

    client.post("/new/", {"day": "2026-01-03", "submission": submission_token(client.get("/new/"))})

    assert list(Submission.objects.values_list("result_url", flat=True)) == [
        f"/{WorkingDayChange.objects.get().pk}/"
    ]


def test_a_token_from_someone_elses_page_is_refused(client):
    token = submission_token(client.get("/new/"))
    Submission.objects.create(token=token, user=UserFactory(), result_url="/1/")
    client.force_login(UserFactory())

    refused = client.post("/new/", {"day": "2026-01-03", "submission": token})

    assert refused.status_code == 403
    assert not WorkingDayChange.objects.exists()
