"""The back office, branded Aimaq in the reader's language (not "Django administration")."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class AdminSite(admin.AdminSite):
    site_header = _("Aimaq back office")
    site_title = _("Aimaq")
    index_title = _("Back office")


class AdminConfig(DjangoAdminConfig):
    """`django.contrib.admin` with Aimaq's site as the default `admin.site`."""

    default_site = "aimaq.core.admin_site.AdminSite"
