from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from aimaq.territories.selectors import first_level_units, groups_with_members


def home(request: HttpRequest) -> HttpResponse:
    """The public front page: what Aimaq is, the regions, the groups of territories."""
    today = timezone.localdate()
    context = {"units": first_level_units(on=today), "groups": groups_with_members(on=today)}
    return render(request, "portal/home.html", context)
