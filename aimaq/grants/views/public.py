"""Public pages: the calls, one call with its rules, and the published results with their
exports (CSV, 360Giving JSON and CSV)."""

from __future__ import annotations

import json

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from aimaq.accounts.models import Organisation
from aimaq.core.exports import CSV_CONTENT_TYPE, attachment
from aimaq.core.permissions import can
from aimaq.territories.selectors import with_territories

from ..exports import giving_csv, giving_package, results_csv
from ..models import Competition, CriterionKind, RemainderRule
from ..permissions import APPLY, COMMITTEE, MANAGE
from ..rules.scoring import max_total
from ..selectors.programme import programme_results
from ..selectors.public import competitions_for, published_results
from ..services.committee import criterion_rules


def visible_competition(request: HttpRequest, pk: int) -> Competition:
    """The competition if the person may see it (published, or theirs to run); else 404."""
    return get_object_or_404(competitions_for(request.user), pk=pk)


def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """An organiser's programme: what its competitions funded and what came of it."""
    organiser = get_object_or_404(Organisation, pk=pk)
    results = programme_results(organiser, request.user)
    if not results.rows:
        raise Http404
    return render(request, "grants/programme.html", {"programme": results})


def may_announce(request: HttpRequest) -> bool:
    """Would the back office open its page for a new call to this person? Asked of the
    admin itself, so that the link to it is never refused."""
    return admin.site.has_permission(request) and admin.site.get_model_admin(
        Competition
    ).has_add_permission(request)


def competition_list(request: HttpRequest) -> HttpResponse:
    competitions = competitions_for(request.user).order_by("-opens_at")
    return render(
        request,
        "grants/list.html",
        {"competitions": competitions, "may_announce": may_announce(request)},
    )


def competition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    criteria = list(competition.criteria.all())
    scored = [c for c in criteria if c.kind == CriterionKind.SCORED]
    context = {
        "competition": competition,
        "scored": scored,
        "minimum": [c for c in criteria if c.kind == CriterionKind.PASS_FAIL],
        "tie_breakers": sorted((c for c in scored if c.tie_break), key=lambda c: c.tie_break or 0),
        "max_total": max_total(criterion_rules(scored)),
        "priority_groups": competition.priority_groups.all(),
        "quotas": with_territories(competition.quotas.all(), "territory"),
        "territories": competition.eligible_territories.order_by("kato"),
        "rule": RemainderRule(competition.remainder_rule).label,
        "may_apply": competition.is_open and can(request.user, APPLY, competition),
        "may_manage": can(request.user, MANAGE, competition),
        "in_committee": can(request.user, COMMITTEE, competition),
    }
    return render(request, "grants/detail.html", context)


def _results_or_404(competition: Competition):
    results = published_results(competition)
    if results is None:
        raise Http404
    return results


def results(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    return render(
        request,
        "grants/results.html",
        {"competition": competition, "results": _results_or_404(competition)},
    )


def results_export(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    data = results_csv(_results_or_404(competition))
    return attachment(
        data, file_name=f"aimaq-grants-{pk}-results.csv", content_type=CSV_CONTENT_TYPE
    )


def giving_json(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    package = giving_package(
        _results_or_404(competition), site=request.build_absolute_uri("/").rstrip("/")
    )
    body = json.dumps(package, ensure_ascii=False, indent=1)
    return attachment(
        body.encode("utf-8"),
        file_name=f"aimaq-grants-{pk}-360giving.json",
        content_type="application/json; charset=utf-8",
    )


def giving_export(request: HttpRequest, pk: int) -> HttpResponse:
    competition = visible_competition(request, pk)
    package = giving_package(_results_or_404(competition))
    return attachment(
        giving_csv(package),
        file_name=f"aimaq-grants-{pk}-360giving.csv",
        content_type=CSV_CONTENT_TYPE,
    )
