"""Core's pages, mounted at /jobs/ as the `core` namespace."""

from django.urls import path

from .jobs import views as job_views

app_name = "core"
urlpatterns = [
    path("<int:pk>/", job_views.job_progress, name="job_progress"),
    path("<int:pk>/output/", job_views.job_output, name="job_output"),
    path("<int:pk>/restart/", job_views.job_restart, name="job_restart"),
]
