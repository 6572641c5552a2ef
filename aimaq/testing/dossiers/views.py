import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from aimaq.core.permissions import allowed_rows, can

from .models import Dossier
from .permissions import SCORE, VIEW


def visible_dossiers(request: HttpRequest):
    return allowed_rows(request.user, VIEW, Dossier.objects.select_related("territory"))


def dossier_list(request: HttpRequest) -> HttpResponse:
    return render(request, "dossiers/list.html", {"dossiers": visible_dossiers(request)})


def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(visible_dossiers(request), pk=pk)
    return render(request, "dossiers/detail.html", {"dossier": dossier})


@require_POST
def dossier_score(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(visible_dossiers(request), pk=pk)
    if not can(request.user, SCORE, dossier):
        raise PermissionDenied
    return HttpResponse("scored")


def dossier_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(["id", "title"])
    for dossier in visible_dossiers(request):
        writer.writerow([dossier.pk, dossier.title])
    return response
