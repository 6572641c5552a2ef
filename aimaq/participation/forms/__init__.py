"""The participation app's forms, by part: running a process, residents, proposals, budget
calls and consultations. `model_field` and `choice_field` give a form's declared field with
its real type, so narrowing its rows or choices in `__init__` type-checks."""

from __future__ import annotations

from typing import cast

from django import forms


def model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's field `name`, declared as a (multiple) model choice field."""
    return cast(forms.ModelChoiceField, form.fields[name])


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, declared as a choice field."""
    return cast(forms.ChoiceField, form.fields[name])
