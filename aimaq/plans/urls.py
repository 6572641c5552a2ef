from django.urls import path

from .views import editing, files, imports, monitoring, plans, workflow

app_name = "plans"

V = "<int:pk>/v<int:number>/"

urlpatterns = [
    path("", plans.plan_list, name="list"),
    path("new/", plans.plan_new, name="new"),
    path("mine/", plans.dashboard, name="dashboard"),
    path("rollup/<kato:kato>/", monitoring.rollup, name="rollup"),
    path("<int:pk>/", plans.plan_detail, name="detail"),
    path("<int:pk>/amend/", workflow.amend, name="amend"),
    path("<int:pk>/scorecard/", monitoring.scorecard, name="scorecard"),
    path("<int:pk>/reports/", monitoring.reports, name="reports"),
    path("<int:pk>/reports/new/", monitoring.report_new, name="report_new"),
    path("<int:pk>/reports/<int:rid>/", monitoring.report_detail, name="report"),
    path("<int:pk>/reports/<int:rid>/step/", monitoring.report_step, name="report_step"),
    path(
        "<int:pk>/reports/<int:rid>/document.<str:file_format>",
        files.report_document,
        name="report_document",
    ),
    path("<int:pk>/evaluations/new/", monitoring.evaluation_new, name="evaluation_new"),
    path("<int:pk>/evaluations/<int:eid>/", monitoring.evaluation_detail, name="evaluation"),
    path("<int:pk>/document.<str:file_format>", files.plan_document, name="document"),
    path("<int:pk>/document/", files.start_document, name="document_start"),
    path("imports/<int:rid>/", imports.status, name="import"),
    path("imports/<int:rid>/confirm/", imports.confirm, name="import_confirm"),
    path("imports/<int:rid>/errors.csv", imports.errors, name="import_errors"),
    path("<int:pk>/export/<str:what>.xlsx", files.export, name="export"),
    path(V, plans.version_detail, name="version"),
    path(V + "edit/<str:section>/", editing.edit_section, name="edit"),
    path(V + "add/<str:kind>/", editing.add_element, name="add"),
    path(V + "element/<str:kind>/<uuid:uid>/", editing.edit_element, name="element"),
    path(V + "element/<str:kind>/<uuid:uid>/remove/", editing.remove_element, name="remove"),
    path(V + "indicator/<uuid:uid>/split/", editing.split_indicator_targets, name="split"),
    path(V + "envelopes/", editing.save_envelopes, name="envelopes"),
    path(V + "import/", imports.upload, name="import_upload"),
    path(V + "quality/", workflow.quality, name="quality"),
    path(V + "workflow/", workflow.workflow, name="workflow"),
    path(V + "diff/", workflow.diff, name="diff"),
]
