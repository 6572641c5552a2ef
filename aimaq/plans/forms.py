"""Forms of the plan pages. Texts come in three languages: the reader's own language is
shown first, the other two folded under "Other languages" (`LanguageFields`)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aimaq.accounts.models import Organisation
from aimaq.core.i18n import CONTENT_LANGUAGES, active_language
from aimaq.core.permissions import allowed_rows
from aimaq.indicators.models import Dimension, Indicator
from aimaq.territories.models import Territory

from .models import (
    FIRST_BASELINE_YEAR,
    FIRST_PLAN_YEAR,
    IN_FORCE_STATUSES,
    LAST_PLAN_YEAR,
    Action,
    EvidenceBlock,
    Goal,
    Outcome,
    Output,
    Plan,
    PlanIndicator,
    PlanVersion,
    Problem,
    ProblemRole,
    SectionText,
    SwotItem,
    years_message,
)
from .permissions import CHANGE
from .services.money import MAX_TENGE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def model_choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's field `name`, which is a (multiple) model choice field."""
    return cast(forms.ModelChoiceField, form.fields[name])


def plain_choices(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, which is a choice field."""
    return cast(forms.ChoiceField, form.fields[name])


class LanguageFields:
    """Puts the text fields of the reader's language first and lists the others in
    `other_language_fields` (the template folds them), and requires one language."""

    text_fields: tuple[str, ...] = ()

    def arrange_languages(self) -> None:
        mine = active_language()
        self.other_language_fields = [
            f"{base}_{language}"
            for base in self.text_fields
            for language in CONTENT_LANGUAGES
            if language != mine
        ]
        order = [f"{base}_{mine}" for base in self.text_fields]
        self.order_fields(order + [name for name in self.fields if name not in order])  # type: ignore[attr-defined]

    def clean_languages(self, cleaned: dict[str, Any]) -> None:
        for base in self.text_fields:
            names = [f"{base}_{language}" for language in CONTENT_LANGUAGES]
            if base in ("name", "text") and not any(cleaned.get(name) for name in names):
                self.add_error(  # type: ignore[attr-defined]
                    f"{base}_{active_language()}", _("Write it in at least one language.")
                )


class ContentForm(LanguageFields, forms.ModelForm):
    """A form for one element of a version; choices limited to that version's elements."""

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        self.version = version
        super().__init__(*args, **kwargs)
        for _name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model in (Goal, Outcome, Output, Problem):
                cast(forms.ModelChoiceField, field).queryset = model.objects.filter(version=version)
        self.arrange_languages()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_languages(cleaned)
        return cleaned


def text_widgets(base: str, rows: int = 3) -> dict[str, forms.Widget]:
    return {
        f"{base}_{language}": forms.Textarea(attrs={"rows": rows}) for language in CONTENT_LANGUAGES
    }


class PlanForm(LanguageFields, forms.ModelForm):
    text_fields = ("name",)
    start_year = Plan._meta.get_field("start_year").formfield(
        min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )
    end_year = Plan._meta.get_field("end_year").formfield(
        min_value=FIRST_PLAN_YEAR, max_value=LAST_PLAN_YEAR
    )

    class Meta:
        model = Plan
        fields = [
            "kind",
            "territory",
            "owner",
            "name_kk",
            "name_ru",
            "name_en",
            "start_year",
            "end_year",
        ]
        labels = {
            "name_kk": _("title (Kazakh)"),
            "name_ru": _("title (Russian)"),
            "name_en": _("title (English)"),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territories = allowed_rows(user, CHANGE, Territory.objects.current(), own_right=True)
        model_choices(self, "territory").queryset = territories.order_by("kato")
        model_choices(self, "owner").queryset = Organisation.objects.filter(
            territory__in=territories
        ).order_by("name_ru")
        for name in ("start_year", "end_year"):
            self.fields[name].error_messages.update(
                min_value=years_message(), max_value=years_message()
            )
        self.arrange_languages()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_languages(cleaned)
        return cleaned


class SectionTextForm(ContentForm):
    text_fields = ("text",)

    class Meta:
        model = SectionText
        fields = ["text_kk", "text_ru", "text_en"]
        widgets = text_widgets("text", rows=8)

    def clean_languages(self, cleaned: dict[str, Any]) -> None:
        """A section's text may be left empty."""


class EvidenceForm(ContentForm):
    text_fields = ("text",)

    class Meta:
        model = EvidenceBlock
        fields = ["kind", "indicator", "text_kk", "text_ru", "text_en"]
        widgets = text_widgets("text", rows=2)
        labels = {
            "text_kk": _("note (Kazakh)"),
            "text_ru": _("note (Russian)"),
            "text_en": _("note (English)"),
        }

    def clean_languages(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("kind") != "profile" and not cleaned.get("indicator"):
            self.add_error("indicator", _("Choose the indicator to show."))


class SwotForm(ContentForm):
    text_fields = ("text",)

    class Meta:
        model = SwotItem
        fields = ["focus_area", "quadrant", "text_kk", "text_ru", "text_en"]
        widgets = text_widgets("text", rows=2)


class ProblemForm(ContentForm):
    text_fields = ("text",)

    class Meta:
        model = Problem
        fields = [
            "role",
            "core",
            "focus_area",
            "text_kk",
            "text_ru",
            "text_en",
            "evidence_indicator",
            "evidence_note",
        ]
        widgets = {
            **text_widgets("text", rows=2),
            "evidence_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "core").queryset = Problem.objects.filter(
            version=self.version, role=ProblemRole.CORE
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("role") == ProblemRole.CORE and cleaned.get("core"):
            self.add_error("core", _("A core problem hangs under no other problem."))
        if cleaned.get("role") in (ProblemRole.CAUSE, ProblemRole.EFFECT) and not cleaned.get(
            "core"
        ):
            self.add_error("core", _("Choose the core problem this one is a cause or effect of."))
        return cleaned


class GoalForm(ContentForm):
    text_fields = ("name",)

    class Meta:
        model = Goal
        fields = ["code", "focus_area", "name_kk", "name_ru", "name_en", "aligned_to", "problems"]
        widgets = {"problems": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "aligned_to").queryset = alignable_goals(self.version)


def alignable_goals(version: PlanVersion):
    """Goals a goal of this plan may serve: those of the plans in force of the territories
    above the plan's (the rayon's for an okrug, the oblast's for a rayon)."""
    territory = version.plan.territory
    above = []
    while territory.parent is not None:
        territory = territory.parent
        above.append(territory.pk)
    return (
        Goal.objects.filter(
            version__plan__territory__in=above, version__status__in=IN_FORCE_STATUSES
        )
        .select_related("version__plan")
        .order_by("version__plan", "order")
    )


class OutcomeForm(ContentForm):
    text_fields = ("name",)

    class Meta:
        model = Outcome
        fields = ["goal", "code", "name_kk", "name_ru", "name_en"]


class OutputForm(ContentForm):
    text_fields = ("name",)

    class Meta:
        model = Output
        fields = ["outcome", "code", "name_kk", "name_ru", "name_en"]


class ActionForm(ContentForm):
    text_fields = ("name",)

    class Meta:
        model = Action
        fields = [
            "code",
            "name_kk",
            "name_ru",
            "name_en",
            "output",
            "goals",
            "problems",
            "responsible",
            "starts_on",
            "ends_on",
            "status",
            "percent_done",
            "budget_administrator",
            "budget_programme",
            "budget_subprogramme",
        ]
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "problems": forms.CheckboxSelectMultiple,
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choices(self, "responsible").queryset = Organisation.objects.order_by("name_ru")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The action ends before it starts."))
        return cleaned


class IndicatorForm(ContentForm):
    text_fields = ("name", "unit")
    measures = forms.ChoiceField(label=_("measures"), required=False)
    baseline_year = PlanIndicator._meta.get_field("baseline_year").formfield(
        min_value=FIRST_BASELINE_YEAR, max_value=LAST_PLAN_YEAR
    )

    class Meta:
        model = PlanIndicator
        fields = [
            "code",
            "measures",
            "indicator",
            "name_kk",
            "name_ru",
            "name_en",
            "unit_kind",
            "unit_kk",
            "unit_ru",
            "unit_en",
            "direction",
            "baseline_value",
            "baseline_year",
            "target_value",
            "frequency",
            "rule",
            "tolerance",
            "decimals",
            "disaggregations",
        ]
        widgets = {"disaggregations": forms.CheckboxSelectMultiple}
        localized_fields = ["baseline_value", "target_value"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", "—")]
        for outcome in Outcome.objects.filter(version=self.version):
            choices.append(
                (f"outcome:{outcome.pk}", f"{_('outcome')} {outcome.code} {outcome.name}")
            )
        for output in Output.objects.filter(version=self.version):
            choices.append((f"output:{output.pk}", f"{_('output')} {output.code} {output.name}"))
        plain_choices(self, "measures").choices = choices
        baseline_years = years_message(FIRST_BASELINE_YEAR, LAST_PLAN_YEAR)
        self.fields["baseline_year"].error_messages.update(
            min_value=baseline_years, max_value=baseline_years
        )
        model_choices(self, "indicator").queryset = Indicator.objects.order_by("theme", "code")
        self.fields["indicator"].help_text = _("Linked: actuals come from the evidence base.")
        model_choices(self, "disaggregations").queryset = Dimension.objects.order_by("code")
        if self.instance.pk:
            if self.instance.outcome_id:
                self.initial["measures"] = f"outcome:{self.instance.outcome_id}"
            elif self.instance.output_id:
                self.initial["measures"] = f"output:{self.instance.output_id}"

    def clean_languages(self, cleaned: dict[str, Any]) -> None:
        names = [f"name_{language}" for language in CONTENT_LANGUAGES]
        if not cleaned.get("indicator") and not any(cleaned.get(name) for name in names):
            self.add_error(
                f"name_{active_language()}",
                _("Name the indicator, or link it to one of the evidence base."),
            )

    def clean_measures(self) -> tuple[str, int] | None:
        value = self.cleaned_data.get("measures") or ""
        if not value:
            return None
        kind, _sep, pk = value.partition(":")
        return kind, int(pk)

    def save(self, commit: bool = True) -> PlanIndicator:
        indicator = super().save(commit=False)
        measures = self.cleaned_data.get("measures")
        indicator.outcome_id = measures[1] if measures and measures[0] == "outcome" else None
        indicator.output_id = measures[1] if measures and measures[0] == "output" else None
        if commit:
            indicator.save()
            self.save_m2m()
        return indicator


def too_large(cell: str) -> str:
    """The message for an amount above MAX_TENGE, naming the cell (“Okrug budget, 2019”)."""
    return gettext("%(cell)s: the amount is too large, at most %(limit)s tenge.") % {
        "cell": cell,
        "limit": number_format(MAX_TENGE, force_grouping=True),
    }


class GridForm(forms.Form):
    """Whole-tenge amounts per (year, source), one field each: `y2019_s3`."""

    def __init__(
        self, *args: Any, years: list[int], sources: list, initial_amounts: dict, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.years, self.sources = years, sources
        for source in sources:
            for year in years:
                name = f"y{year}_s{source.pk}"
                self.fields[name] = forms.IntegerField(
                    label=f"{source.name}, {year}",
                    min_value=0,
                    max_value=MAX_TENGE,
                    required=False,
                    localize=True,
                    initial=initial_amounts.get((year, source.pk)),
                    error_messages={
                        "invalid": _("A whole number of tenge, without kopecks."),
                        "min_value": _("An amount cannot be negative."),
                        "max_value": too_large(f"{source.name}, {year}"),
                    },
                )

    def amounts(self) -> dict[tuple[int, Any], int]:
        found = {}
        for source in self.sources:
            for year in self.years:
                value = self.cleaned_data.get(f"y{year}_s{source.pk}")
                if value:
                    found[(year, source)] = value
        return found

    def grid(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (source, [self[f"y{year}_s{source.pk}"] for year in self.years])
            for source in self.sources
        ]


class TargetsForm(forms.Form):
    """A target per period of the indicator's frequency."""

    def __init__(self, *args: Any, periods: list, initial_targets: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = periods
        for period in periods:
            self.fields[f"p_{period.code}"] = forms.DecimalField(
                label=period.label(),
                required=False,
                localize=True,
                max_digits=20,
                decimal_places=4,
                initial=initial_targets.get(period.code),
            )

    def targets(self) -> dict[str, Any]:
        return {
            period.code: self.cleaned_data[f"p_{period.code}"]
            for period in self.periods
            if self.cleaned_data.get(f"p_{period.code}") is not None
        }


class AgreeForm(forms.Form):
    agreed_on = forms.DateField(label=_("date of the agreement"), widget=DATE)
    note = forms.CharField(
        label=_("how it was agreed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The meeting, how many people took part."),
    )


class ApproveForm(forms.Form):
    body = forms.ModelChoiceField(label=_("approving body"), queryset=Organisation.objects.none())
    decision_number = forms.CharField(label=_("decision number"), max_length=64)
    decision_date = forms.DateField(label=_("decision date"), widget=DATE)

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        territory = version.plan.territory
        ancestors = [territory.pk]
        while territory.parent is not None:
            territory = territory.parent
            ancestors.append(territory.pk)
        model_choices(self, "body").queryset = Organisation.objects.filter(
            territory__in=ancestors, kind="maslikhat"
        ) | Organisation.objects.filter(territory__in=ancestors, kind="akimat")


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("why the plan is amended"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(forms.Form):
    """Which document to prepare in the background: its format and language."""

    format = forms.ChoiceField(label=_("format"), choices=[("pdf", "PDF"), ("docx", "DOCX (Word)")])
    lang = forms.ChoiceField(label=_("language"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        plain_choices(self, "lang").choices = [
            (code, str(name)) for code, name in settings.LANGUAGES
        ]
        self.fields["lang"].initial = active_language()
