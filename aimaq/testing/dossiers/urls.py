from django.urls import path

from . import views
from .api import api

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("export.csv", views.dossier_export, name="export"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/score", views.dossier_score, name="score"),
    path("api/", api.urls),
]
