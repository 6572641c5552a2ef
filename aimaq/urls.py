from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from aimaq.api import api

urlpatterns = [
    path("indicators/", include("aimaq.indicators.urls")),
    path("jobs/", include("aimaq.core.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("aimaq.accounts.urls")),
    path("territories/", include("aimaq.territories.urls")),
    path("", include("aimaq.portal.urls")),
]
