"""Forms that create something are made once, however often they are sent.

A page puts `{% load submissions %}{% submission_token %}` in its form (beside the CSRF
token), and its view is decorated with `@sent_once`. The first sending stores the token;
when the view answers with a redirect, the token keeps where it led. A second sending of the
same page (a double click, a resent page, the back button) is not run again: the person is
taken to what the first one made, with a message. While the first is still being made, the
second waits a few seconds for it. A sending that the view refused (the form shown again
with its errors) or that failed forgets its token, so correcting and sending again works.
A POST without a token (the API, a test client) runs as before. Tokens are kept two days.

The view must answer a sending it refused by showing the form again, not by a redirect
(a redirect is taken for "made"), and must not run inside an outer transaction (the token
is stored on its own, so that a second sending sees it)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "submission"
WAIT_SECONDS = 5.0
KEPT_FOR = timedelta(days=2)


def new_token() -> str:
    return str(uuid.uuid4())


def sent_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Runs `view` once per submission token (see the module's text)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = _token_of(request)
        if token is None:
            return view(request, *args, **kwargs)
        user = request.user if request.user.is_authenticated else None
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                with transaction.atomic():
                    submission = Submission.objects.create(token=token, user=user)
                break
            except IntegrityError:
                first = Submission.objects.filter(token=token).first()
                if first is None:
                    continue  # the first sending was refused meanwhile: this one runs
                if first.user_id != (user.pk if user else None):
                    raise PermissionDenied from None  # a token from someone else's page
                if first.result_url:
                    messages.info(
                        request, _("This form had already been sent: here is what it made.")
                    )
                    return HttpResponseRedirect(first.result_url)
                if time.monotonic() >= deadline:
                    return _still_sending(request)
                time.sleep(0.2)
        Submission.objects.filter(sent_at__lt=timezone.now() - KEPT_FOR).delete()
        kept = False
        try:
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirect):
                submission.result_url = response.url
                submission.save(update_fields=["result_url"])
                kept = True
            return response
        finally:
            if not kept:
                Submission.objects.filter(token=token).delete()

    return wrapped


def _token_of(request: HttpRequest) -> uuid.UUID | None:
    if request.method != "POST":
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _still_sending(request: HttpRequest) -> HttpResponse:
    return render(request, "core/sent_again.html", status=409)
