from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingDayChange(models.Model):
    """A day the government moved: a Saturday made a working day, a weekday made a day off."""

    class Kind(models.TextChoices):
        WORKING = "working", _("working day")
        DAY_OFF = "day_off", _("day off")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("the day is"), max_length=8, choices=Kind.choices)
    reason_kk = models.CharField(_("reason (Kazakh)"), max_length=255, blank=True)
    reason_ru = models.CharField(_("reason (Russian)"), max_length=255, blank=True)
    reason_en = models.CharField(_("reason (English)"), max_length=255, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        app_label = "core"
        verbose_name = _("working-day transfer")
        verbose_name_plural = _("working-day transfers")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y} · {self.get_kind_display()}"
