from django.urls import path

from . import (
    approval_views,
    dashboard_views,
    document_views,
    import_views,
    metadata_views,
    pivot_views,
    views,
)

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("profile/<kato:kato>/", views.profile, name="profile"),
    path("compare/", views.compare, name="compare"),
    path("compare/export.<str:file_format>", views.compare_export, name="compare_export"),
    path("dashboards/<kato:kato>/", dashboard_views.dashboards, name="dashboards"),
    path("dashboard/<int:pk>/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/<int:pk>/edit/", dashboard_views.dashboard_edit, name="dashboard_edit"),
    path("dashboard/<int:pk>/delete/", dashboard_views.dashboard_delete, name="dashboard_delete"),
    path("pivot/", pivot_views.pivot, name="pivot"),
    path("pivot/export.xlsx", pivot_views.pivot_export, name="pivot_export"),
    path(
        "value/<slug:code>/<kato:kato>/<str:period>/",
        metadata_views.value_source,
        name="value_source",
    ),
    path("about/<slug:code>/", metadata_views.indicator_about, name="about"),
    path("map/<slug:code>/", views.choropleth, name="map"),
    path("map/<slug:code>/map.svg", views.choropleth_svg, name="map_svg"),
    path("map/<slug:code>/map.png", views.choropleth_png, name="map_png"),
    path("series/<slug:code>/", views.series, name="series"),
    path("series/<slug:code>/chart.svg", views.series_svg, name="series_svg"),
    path("series/<slug:code>/export.<str:file_format>", views.series_export, name="series_export"),
    path("import/", import_views.import_upload, name="import"),
    path("import/template.csv", import_views.import_template, name="import_template"),
    path("import/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("import/<int:pk>/errors.csv", import_views.import_errors, name="import_errors"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/recheck/", import_views.import_recheck, name="import_recheck"),
    path("import/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("import/<int:pk>/restart/", import_views.import_restart, name="import_restart"),
    path("approvals/", approval_views.approval_list, name="approvals"),
    path("approvals/<int:pk>/", approval_views.approval_detail, name="approval"),
    path("poverty/<kato:kato>/", views.poverty, name="poverty"),
    path("typology/<kato:kato>/", views.typology, name="typology"),
    path(
        "profile/<kato:kato>/document/",
        document_views.start_profile_document,
        name="profile_document_start",
    ),
    path(
        "profile/<kato:kato>/document.<str:file_format>",
        document_views.profile_document,
        name="profile_document",
    ),
]
