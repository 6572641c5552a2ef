from django.urls import include, path

from aimaq.urls import handler500  # noqa: F401
from aimaq.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("testing/dossiers/", include("aimaq.testing.dossiers.urls")), *site_urlpatterns]
