"""Forms of citizens' proposals: submitting (with photos), moderating, answering, merging
and linking to a plan action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import Category, ModerationReason, ProposalKind
from . import choice_field


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos from one input (phones let people pick or take them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if isinstance(data, list | tuple):
            return [super(PhotosField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=ProposalKind.choices,
        widget=forms.RadioSelect,
        initial=ProposalKind.PROBLEM,
    )
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices])
    territory = forms.ChoiceField(label=_("Where"))
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        required=False,
        max_digits=8,
        decimal_places=5,
        widget=forms.NumberInput(attrs={"step": "0.00001", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        required=False,
        max_digits=8,
        decimal_places=5,
        widget=forms.NumberInput(attrs={"step": "0.00001", "inputmode": "decimal"}),
    )
    title = forms.CharField(label=_("Short title"), max_length=200)
    text = forms.CharField(
        label=_("Describe it"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not write names, phone numbers or addresses of other people."),
    )
    photos = PhotosField(label=_("Photos (up to 5; location data is removed)"), required=False)
    checked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, places: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "territory").choices = places


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("publish")), ("reject", _("do not publish"))],
        widget=forms.RadioSelect,
        initial="publish",
    )
    public_title = forms.CharField(label=_("Title as published"), max_length=200, required=False)
    public_text = forms.CharField(
        label=_("Text as published (hide personal data or abuse here)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    reason = forms.ChoiceField(
        label=_("Reason told to the author"), choices=ModerationReason.choices, required=False
    )
    note = forms.CharField(label=_("Note to the author"), max_length=500, required=False)


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Public answer"), widget=forms.Textarea(attrs={"rows": 4}))


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=_("Number of the proposal to merge this one into"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class LinkForm(forms.Form):
    action = forms.ChoiceField(label=_("Plan action that answers it"))

    def __init__(self, *args: Any, actions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "action").choices = [("", "—"), *actions]
