from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.territory_index, name="index"),
    path("search/", views.territory_search, name="search"),
    path("<str:kato>/", views.territory_detail, name="detail"),
    path("<str:kato>/edit/", views.territory_edit, name="edit"),
    path("<str:kato>/map.geojson", views.territory_map_data, name="map_data"),
]
