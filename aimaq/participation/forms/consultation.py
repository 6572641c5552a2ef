from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import ModerationReason
from . import choice_field
from .running import DATE


class OpenForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens"), widget=DATE)
    closes_at = forms.DateTimeField(
        label=_("Comments until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section of the plan"))
    text = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "section").choices = sections


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why"), choices=[c for c in ModerationReason.choices if c[0]]
    )


class SummaryForm(forms.Form):
    taken = forms.CharField(
        label=_("What was taken into account"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    not_taken = forms.CharField(
        label=_("What was not, and why"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
