"""Forms of the participatory budget: the call, a project, the expert review, the identity
check, the ballot (online and paper)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import BallotRule
from ..models import BudgetCall, BudgetProject
from ..permissions import MANAGE_CALLS
from . import model_field
from .running import DATE, territories_for


class CallForm(forms.ModelForm):
    class Meta:
        model = BudgetCall
        fields = [
            "territory",
            "name_kk",
            "name_ru",
            "name_en",
            "description_kk",
            "description_ru",
            "description_en",
            "envelope",
            "rule",
            "max_choices",
            "overflow",
            "min_age",
            "residents_only",
            "online_check",
            "proposals_from",
            "proposals_to",
            "review_to",
            "voting_from",
            "voting_to",
            "results_on",
            "implementation_year",
            "plan",
        ]
        labels = {
            "name_kk": _("title (Kazakh)"),
            "name_ru": _("title (Russian)"),
            "name_en": _("title (English)"),
        }
        widgets = {
            name: DATE
            for name in (
                "proposals_from",
                "proposals_to",
                "review_to",
                "voting_from",
                "voting_to",
                "results_on",
            )
        } | {
            f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in ("kk", "ru", "en")
        }

    def __init__(self, *args: Any, user: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "territory").queryset = territories_for(user, MANAGE_CALLS)
        model_field(self, "plan").queryset = plans

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"name_{lang}") for lang in ("kk", "ru", "en")):
            self.add_error("name_kk", _("Write the title in at least one language."))
        return cleaned


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    description = forms.CharField(
        label=_("What, where, for whom"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    place = forms.CharField(label=_("Place (street, village)"), max_length=200, required=False)
    author_cost = forms.IntegerField(
        label=_("Your cost estimate, tenge"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class ReviewForm(forms.Form):
    feasible = forms.ChoiceField(
        label=_("Expert council's conclusion"),
        choices=[("yes", _("feasible: goes on the ballot")), ("no", _("refused"))],
        widget=forms.RadioSelect,
    )
    cost = forms.IntegerField(label=_("Experts' cost estimate, tenge"), min_value=1, required=False)
    reasons = forms.CharField(
        label=_("Conclusion (published)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PhoneCheckForm(forms.Form):
    iin = forms.CharField(
        label=_("IIN"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "12 digits from your identity card. It is checked and kept only as a code no one can read back."
        ),
    )
    phone = forms.CharField(
        label=_("Mobile phone for the voting code"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def project_label(project: BudgetProject) -> str:
    cost = f"{project.ballot_cost:,}".replace(",", "\u00a0")
    return f"{project.number}. {project.title} — {cost} ₸"


class BallotForm(forms.Form):
    """The ballot under the call's rule: one choice, or several (approval, knapsack)."""

    def __init__(
        self, *args: Any, call: BudgetCall, projects: list[BudgetProject], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), project_label(p)) for p in projects]
        if call.rule == BallotRule.SINGLE:
            self.fields["choices"] = forms.ChoiceField(
                label=_("Choose one project"), choices=choices, widget=forms.RadioSelect
            )
        else:
            label = (
                _("Choose up to %(count)s projects") % {"count": call.max_choices}
                if call.rule == BallotRule.APPROVAL
                else _("Choose projects whose costs add up to no more than the envelope")
            )
            self.fields["choices"] = forms.MultipleChoiceField(
                label=label, choices=choices, widget=forms.CheckboxSelectMultiple
            )

    def chosen(self) -> list[int]:
        value = self.cleaned_data["choices"]
        return [int(v) for v in (value if isinstance(value, list) else [value])]


class PaperBallotForm(BallotForm):
    iin = forms.CharField(
        label=_("Voter's IIN (from the identity document)"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    checked = forms.BooleanField(
        label=_("I checked the identity document (and the registration, for residents-only calls)")
    )

    field_order = ["iin", "checked", "choices"]
