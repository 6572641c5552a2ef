from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Territory

# Kazakhstan with a margin: a centre outside this box is a typo (swapped or mistyped).
LATITUDE_RANGE = (40.0, 56.0)
LONGITUDE_RANGE = (46.0, 88.0)
FIRST_CENSUS_YEAR = 1897


class TerritoryEditForm(forms.ModelForm):
    """Names, population and centre: what an editor of the territory may correct."""

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

    def clean_population_year(self) -> int | None:
        year = self.cleaned_data.get("population_year")
        latest = timezone.localdate().year
        if year is not None and not FIRST_CENSUS_YEAR <= year <= latest:
            raise forms.ValidationError(
                _("Give a year between %(first)s and %(last)s; got %(year)s.")
                % {"first": FIRST_CENSUS_YEAR, "last": latest, "year": year}
            )
        return year

    def clean_centre_lat(self) -> float | None:
        return self._in_range("centre_lat", LATITUDE_RANGE, _("latitude"))

    def clean_centre_lon(self) -> float | None:
        return self._in_range("centre_lon", LONGITUDE_RANGE, _("longitude"))

    def _in_range(self, field: str, bounds: tuple[float, float], label: str) -> float | None:
        value = self.cleaned_data.get(field)
        if value is not None and not bounds[0] <= value <= bounds[1]:
            raise forms.ValidationError(
                _("A %(label)s in Kazakhstan lies between %(low)s and %(high)s; got %(value)s.")
                % {"label": label, "low": bounds[0], "high": bounds[1], "value": value}
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(f"name_{lang}") for lang in ("kk", "ru", "en")):
            raise forms.ValidationError(_("Give the name in at least one language."))
        lat, lon = data.get("centre_lat"), data.get("centre_lon")
        if (lat is None) != (lon is None) and not self.errors:
            raise forms.ValidationError(
                _("Give both the latitude and the longitude of the centre, or neither.")
            )
        if data.get("population") is not None and data.get("population_year") is None:
            self.add_error("population_year", _("Say which year the population figure is for."))
        return data
