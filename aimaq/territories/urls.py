from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.territory_index, name="index"),
    path("search/", views.territory_search, name="search"),
    path("<kato:kato>/", views.territory_detail, name="detail"),
    path("<kato:kato>/edit/", views.territory_edit, name="edit"),
    path("<kato:kato>/map.geojson", views.territory_map_data, name="map_data"),
]
