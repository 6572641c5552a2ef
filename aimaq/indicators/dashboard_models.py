"""Dashboards: a few charts, maps and tables an official saves for their territory; the
territory's default one shows on its page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aimaq.territories.models import Territory


class DashboardItemKind(models.TextChoices):
    MAP = "map", _("map of the units")
    SERIES = "series", _("trend chart")
    TABLE = "table", _("table of the units")


class Dashboard(models.Model):
    territory = models.ForeignKey(
        Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    is_default = models.BooleanField(_("shown on the territory's page"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dashboard")
        verbose_name_plural = _("dashboards")
        ordering = ["-is_default", "title"]

    def __str__(self) -> str:
        return self.title


class DashboardItem(models.Model):
    dashboard = models.ForeignKey(Dashboard, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=8, choices=DashboardItemKind.choices)
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("indicator"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("dashboard item")
        verbose_name_plural = _("dashboard items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.dashboard_id}: {self.kind} {self.indicator_id}"
