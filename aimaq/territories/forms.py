from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Territory


class TerritoryEditForm(forms.ModelForm):
    """Names, population and centre: what an editor of the territory may correct. The rules
    on the values are the model's (Territory.clean), so the admin enforces them too."""

    class Meta:
        model = Territory
        fields = [
            "name_kk",
            "name_ru",
            "name_en",
            "population",
            "population_year",
            "centre_lat",
            "centre_lon",
        ]
        help_texts = {
            "centre_lat": _("Decimal degrees north, e.g. 49.8047."),
            "centre_lon": _("Decimal degrees east, e.g. 73.1094."),
            "population_year": _("The year the population figure is for."),
        }
