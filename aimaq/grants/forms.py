"""Forms of the grants app; drawn by the platform's form renderer (`{{ form }}`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aimaq.accounts.identifiers import validate_bin, validate_iin
from aimaq.core.money import MAX_TENGE, grouped_tenge
from aimaq.territories.kato import kato_subtree_q
from aimaq.territories.models import Territory

from .models import (
    IDENTIFIER_OF,
    AppealStatus,
    ApplicantType,
    Application,
    AwardStatus,
    BusinessStatus,
    CommitteeMember,
    Competition,
    Criterion,
    CriterionKind,
)

MAX_BUDGET_LINES = 30
MAX_PAPER_DOCUMENTS = 500


def eligible_places(competition: Competition):
    """The call's territories and everything below them, valid today."""
    condition = Q(pk__in=[])
    for territory in competition.eligible_territories.all():
        condition |= kato_subtree_q(territory.kato)
    return Territory.objects.current().filter(condition).order_by("kato")


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "applicant_type",
            "applicant_name",
            "business_name",
            "territory",
            "sector",
            "description",
            "jobs_planned",
            "priority_groups",
            "iin",
            "bin",
            "phone",
            "email",
            "address",
            "language",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "priority_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "iin": _("12 digits; for individual entrepreneurs and potential entrepreneurs."),
            "bin": _("12 digits; for small businesses and legal entities."),
            "phone": _("Never shown publicly."),
        }

    def __init__(self, *args: Any, competition: Competition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competition = competition
        territory = self.fields["territory"]
        groups = self.fields["priority_groups"]
        kinds = self.fields["applicant_type"]
        assert isinstance(territory, forms.ModelChoiceField)
        assert isinstance(groups, forms.ModelMultipleChoiceField)
        assert isinstance(kinds, forms.ChoiceField)
        territory.queryset = eligible_places(competition)
        groups.queryset = competition.priority_groups.all()
        groups.required = False
        kinds.choices = [
            (code, label)
            for code, label in ApplicantType.choices
            if code in competition.applicant_types
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = IDENTIFIER_OF.get(data.get("applicant_type") or "")
        for field, validate in (("iin", validate_iin), ("bin", validate_bin)):
            value = (data.get(field) or "").strip()
            data[field] = value
            if value:
                try:
                    validate(value)
                except ValidationError as error:
                    self.add_error(field, error)
        if kind and not data.get(kind) and kind not in self.errors:
            self.add_error(kind, _("This kind of applicant is identified by this number."))
        return data


def refuse_above_max_tenge(form: forms.Form, name: str) -> None:
    """An amount above MAX_TENGE is refused with a message naming the field, rather than
    left to overflow the database."""
    value = form.cleaned_data.get(name)
    if value is not None and value > MAX_TENGE:
        form.add_error(
            name,
            gettext("“%(field)s” is at most %(max)s tenge.")
            % {"field": form.fields[name].label, "max": grouped_tenge(MAX_TENGE)},
        )


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("item"), max_length=200)
    quantity = forms.DecimalField(
        label=_("quantity"),
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        initial=1,
        localize=True,
    )
    unit_cost = forms.IntegerField(label=_("unit cost, tenge"), min_value=0)
    requested = forms.IntegerField(label=_("from the fund, tenge"), min_value=0, initial=0)
    own = forms.IntegerField(label=_("own contribution, tenge"), min_value=0, initial=0)

    def clean(self) -> dict[str, Any]:
        super().clean()
        for name in ("unit_cost", "requested", "own"):
            refuse_above_max_tenge(self, name)
        return self.cleaned_data


BudgetFormSet = forms.formset_factory(
    BudgetLineForm, extra=2, max_num=MAX_BUDGET_LINES, validate_max=True, can_delete=True
)


def budget_lines(formset: Any) -> list[dict[str, Any]]:
    """The filled, undeleted lines of a valid budget formset."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("item")
    ]


class PaperIntakeForm(ApplicationForm):
    received_at = forms.DateTimeField(
        label=_("received (date and hour)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    documents = forms.IntegerField(
        label=_("documents handed in"), min_value=0, max_value=MAX_PAPER_DOCUMENTS, initial=0
    )
    scan = forms.FileField(label=_("scanned original (PDF or JPG)"), required=False)

    class Meta(ApplicationForm.Meta):
        fields = ApplicationForm.Meta.fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("document (PDF or JPG)"))


class ScoreForm(forms.Form):
    """A field per scored criterion (with a comment), and the sheet's comment."""

    comment = forms.CharField(
        label=_("comment on the application"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name} (0–{criterion.max_score}, ×{criterion.weight})",
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=1,
                required=False,
                localize=True,
                error_messages={
                    "invalid": gettext("A number from 0 to %(max)s, such as %(example)s.")
                    % {
                        "max": criterion.max_score,
                        "example": number_format(
                            Decimal(criterion.max_score * 3) / 4, decimal_pos=1
                        ),
                    }
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=1000,
            )

    def values(self) -> dict[int, Any]:
        return {c.pk: self.cleaned_data.get(f"score_{c.pk}") for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}") or "" for c in self.criteria}


class OverrideForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("result"),
        choices=[("1", _("passed")), ("0", _("failed"))],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(
        label=_("reason for the override"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MinimumForm(forms.Form):
    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"met_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[("1", _("met")), ("0", _("not met"))],
                coerce=lambda value: value == "1",
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("note"), required=False, max_length=500
            )

    def findings(self) -> dict[int, tuple[bool, str]]:
        return {
            c.pk: (self.cleaned_data[f"met_{c.pk}"], self.cleaned_data.get(f"note_{c.pk}") or "")
            for c in self.criteria
        }


class DecisionForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("members present"), queryset=CommitteeMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    meeting_on = forms.DateField(
        label=_("meeting date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting_place = forms.CharField(label=_("meeting place"), max_length=200, required=False)

    def __init__(self, *args: Any, competition: Competition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        present = self.fields["present"]
        assert isinstance(present, forms.ModelMultipleChoiceField)
        present.queryset = competition.members.select_related("user")


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 5})
    )


class AppealAnswerForm(forms.Form):
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(
        label=_("decision"),
        choices=[(s, label) for s, label in AppealStatus.choices if s != AppealStatus.LODGED],
    )


class AgreementForm(forms.Form):
    agreement_number = forms.CharField(label=_("agreement number"), max_length=40)
    agreement_signed_on = forms.DateField(
        label=_("agreement signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class TrancheForm(forms.Form):
    amount = forms.IntegerField(label=_("amount, tenge"), min_value=1)
    due_on = forms.DateField(label=_("due on"), widget=forms.DateInput(attrs={"type": "date"}))


class VisitForm(forms.Form):
    visited_on = forms.DateField(
        label=_("visited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    business_status = forms.ChoiceField(label=_("business found"), choices=BusinessStatus.choices)
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    period_end = forms.DateField(
        label=_("period ending"), widget=forms.DateInput(attrs={"type": "date"})
    )
    jobs_created = forms.IntegerField(label=_("jobs created so far"), min_value=0, max_value=1000)
    revenue = forms.IntegerField(label=_("revenue in the period, tenge"), min_value=0, initial=0)
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(label=_("photo (JPG)"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        refuse_above_max_tenge(self, "revenue")
        return self.cleaned_data


class AwardStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (s, label)
            for s, label in AwardStatus.choices
            if s
            in (
                AwardStatus.ACCEPTED,
                AwardStatus.DECLINED,
                AwardStatus.REVOKED,
                AwardStatus.COMPLETED,
            )
        ],
    )
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("status") in (AwardStatus.DECLINED, AwardStatus.REVOKED) and not data.get(
            "reason"
        ):
            self.add_error("reason", _("Say why the award is declined or revoked."))
        return data


class CriterionForm(forms.ModelForm):
    """A criterion of the call: scored (weight, maximum, tie-breaker position) or a minimum
    criterion (pass or fail), named in the three languages."""

    class Meta:
        model = Criterion
        fields = [
            "kind",
            "code",
            "name_kk",
            "name_ru",
            "name_en",
            "weight",
            "max_score",
            "order",
            "tie_break",
        ]
        help_texts = {
            "code": _("Latin letters, digits and hyphens; the criterion's key in exports."),
            "weight": _("The weighted total is the sum of score × weight (scored criteria)."),
            "order": _("Criteria are listed in this order, smallest first."),
        }

    def __init__(self, *args: Any, competition: Competition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competition = competition
        for name in ("name_kk", "name_ru", "name_en"):
            self.fields[name].required = True

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        taken = self.competition.criteria.filter(code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("The call already has a criterion with this code."))
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        scored = data.get("kind") == CriterionKind.SCORED
        if scored and data.get("weight") is not None and data["weight"] <= 0:
            self.add_error("weight", _("A scored criterion needs a weight above zero."))
        if scored and data.get("max_score") is not None and data["max_score"] < 1:
            self.add_error("max_score", _("A scored criterion needs a maximum of at least 1."))
        position = data.get("tie_break")
        if position is not None:
            if not scored:
                self.add_error("tie_break", _("Only a scored criterion breaks ties."))
            elif (
                self.competition.criteria.filter(tie_break=position)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("tie_break", _("Another criterion breaks ties at this position."))
        return data
