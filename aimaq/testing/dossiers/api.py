from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema

from aimaq.core.permissions import allowed_rows

from .models import Dossier
from .permissions import VIEW

api = NinjaAPI(urls_namespace="dossiers-api", docs_url=None)


class DossierOut(Schema):
    id: int
    title: str


@api.get("/dossiers", response=list[DossierOut])
def dossiers(request: HttpRequest):
    return list(allowed_rows(request.user, VIEW, Dossier.objects.all()))


@api.get("/dossiers/{pk}", response=DossierOut)
def dossier(request: HttpRequest, pk: int):
    return get_object_or_404(allowed_rows(request.user, VIEW, Dossier.objects.all()), pk=pk)
