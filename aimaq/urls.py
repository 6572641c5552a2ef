from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from aimaq.accounts.views import switch_language
from aimaq.api import api
from aimaq.core.media import protected_media

urlpatterns = [
    path("indicators/", include("aimaq.indicators.urls")),
    path("plans/", include("aimaq.plans.urls")),
    path("grants/", include("aimaq.grants.urls")),
    path("jobs/", include("aimaq.core.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", switch_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("aimaq.accounts.urls")),
    path("attachments/", include("aimaq.core.attachments.urls")),
    path("territories/", include("aimaq.territories.urls")),
    # Uploaded files: served after the permission check of their holder, never as a folder.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", protected_media, name="media"),
    path("", include("aimaq.portal.urls")),
]
