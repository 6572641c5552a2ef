"""Forms of residents' sign-in and sign-up with a one-time code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aimaq.territories.models import Territory

from ..choices import Sex
from . import model_field

HOME_LEVELS = ("rural_okrug", "township", "town", "city_oblast", "city_district", "city_republican")


class AddressForm(forms.Form):
    address = forms.CharField(
        label=_("E-mail or mobile phone"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
        help_text=_("We send a one-time code there. No password is needed."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PlaceField(forms.ModelChoiceField):
    """A territory shown with its parent, so two villages of one name stay apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.parent.name})" if obj.parent else str(obj.name)


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    residence = PlaceField(
        label=_("Where you live"),
        queryset=Territory.objects.none(),
        help_text=_(
            "Your rural okrug, township, town or city: proposals and votes are for residents."
        ),
    )
    sex = forms.ChoiceField(
        label=_("Sex (optional)"), choices=[("", "—"), *Sex.choices], required=False
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth (optional; needed to propose budget projects)"),
        required=False,
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    agree = forms.BooleanField(
        label=_(
            "I agree that Aimaq keeps these data to count my participation; I can delete them at any time."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_field(self, "residence")
        field.queryset = (
            Territory.objects.current()
            .filter(level__in=HOME_LEVELS)
            .select_related("parent")
            .order_by("kato")
        )

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and not (
            timezone.localdate().year - 120 <= year <= timezone.localdate().year
        ):
            raise forms.ValidationError(_("Write a real year of birth."))
        return year


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, delete my account and my personal data"))
