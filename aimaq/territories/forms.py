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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A name the unit already has in Kazakh or Russian may be corrected, never removed:
        # the public pages of that language would show a code instead.
        for lang in ("kk", "ru"):
            if getattr(self.instance, f"name_{lang}", ""):
                self.fields[f"name_{lang}"].required = True
                self.fields[f"name_{lang}"].error_messages["required"] = _(
                    "The name in this language cannot be left empty: type the corrected name."
                )
