"""Forms of monitoring reports and evaluations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aimaq.accounts.models import Organisation

from .forms import plain_choices, too_large
from .models import (
    ActionStatus,
    Criterion,
    MonitoringReport,
    Rating,
    ResponseKind,
)
from .periods import report_periods
from .services.money import MAX_TENGE
from .services.monitoring import ActualEntry, ProgressEntry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewReportForm(forms.Form):
    period = forms.ChoiceField(label=_("period"))

    def __init__(self, *args: Any, plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = set(plan.reports.values_list("period", flat=True))
        choices = []
        for kind in ("quarter", "half", "year"):
            for period in report_periods(plan.years, kind):
                if period.code not in taken:
                    choices.append((period.code, period.label()))
        plain_choices(self, "period").choices = choices


class ReportForm(forms.Form):
    """Every figure of a report in one form: actuals (and their breakdowns), each action's
    status and % done, spending per source, the narrative and the risks."""

    narrative = forms.CharField(
        label=_("narrative"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    risks = forms.CharField(
        label=_("risks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, report: MonitoringReport, sources: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.value_rows = list(
            report.values.select_related("indicator__indicator")
            .prefetch_related("indicator__disaggregations__categories", "breakdown")
            .order_by("indicator__order", "indicator__pk")
        )
        self.progress_rows = list(
            report.action_progress.select_related("action").order_by("action__order", "action__pk")
        )
        self.sources = sources
        self.initial.setdefault("narrative", report.narrative)
        self.initial.setdefault("risks", report.risks)
        spent = {row.source_id: row.amount for row in report.spending.all()}
        for row in self.value_rows:
            indicator = row.indicator
            label = f"{indicator.code}. {indicator.name}" + (
                f", {indicator.unit}" if indicator.unit else ""
            )
            self.fields[f"v_{row.pk}"] = forms.DecimalField(
                label=label,
                required=False,
                localize=True,
                max_digits=20,
                decimal_places=4,
                initial=row.value,
                help_text=_("from the evidence base") if row.from_observation else "",
            )
            parts = {part.category_id: part.amount for part in row.breakdown.all()}
            for dimension in indicator.disaggregations.all():
                for category in dimension.categories.all():
                    self.fields[f"b_{row.pk}_{category.pk}"] = forms.DecimalField(
                        label=f"{indicator.code}: {category.name}",
                        required=False,
                        localize=True,
                        max_digits=20,
                        decimal_places=4,
                        initial=parts.get(category.pk),
                    )
        for progress in self.progress_rows:
            action = progress.action
            self.fields[f"s_{progress.pk}"] = forms.ChoiceField(
                label=f"{action.code}. {action.name}: {_('status')}",
                choices=ActionStatus.choices,
                initial=progress.status,
            )
            self.fields[f"p_{progress.pk}"] = forms.IntegerField(
                label=f"{action.code}: {_('per cent done')}",
                min_value=0,
                max_value=100,
                initial=progress.percent_done,
            )
        for source in sources:
            label = f"{source.name}, {_('spent, tenge')}"
            self.fields[f"m_{source.pk}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=MAX_TENGE,
                required=False,
                localize=True,
                initial=spent.get(source.pk),
                error_messages={
                    "invalid": _("A whole number of tenge, without kopecks."),
                    "max_value": too_large(label),
                },
            )

    def value_fields(self) -> list[tuple[Any, forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                row,
                self[f"v_{row.pk}"],
                [self[name] for name in self.fields if name.startswith(f"b_{row.pk}_")],
            )
            for row in self.value_rows
        ]

    def progress_fields(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(row, self[f"s_{row.pk}"], self[f"p_{row.pk}"]) for row in self.progress_rows]

    def spending_fields(self) -> list[forms.BoundField]:
        return [self[f"m_{source.pk}"] for source in self.sources]

    def actuals(self) -> dict[int, ActualEntry]:
        found = {}
        for row in self.value_rows:
            breakdown = {
                int(name.rsplit("_", 1)[1]): value
                for name, value in self.cleaned_data.items()
                if name.startswith(f"b_{row.pk}_") and value is not None
            }
            has_parts = any(name.startswith(f"b_{row.pk}_") for name in self.fields)
            found[row.indicator_id] = ActualEntry(
                self.cleaned_data.get(f"v_{row.pk}"), row.note, breakdown if has_parts else None
            )
        return found

    def progress(self) -> dict[int, ProgressEntry]:
        return {
            row.action_id: ProgressEntry(
                self.cleaned_data[f"s_{row.pk}"], self.cleaned_data[f"p_{row.pk}"], row.note
            )
            for row in self.progress_rows
        }

    def spending(self) -> dict[int, int]:
        return {source.pk: self.cleaned_data.get(f"m_{source.pk}") or 0 for source in self.sources}


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("comments for the authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvaluationForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=255)
    evaluator = forms.CharField(label=_("evaluator"), max_length=255, required=False)
    completed_on = forms.DateField(label=_("completed on"), widget=DATE)
    summary = forms.CharField(
        label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion, label in Criterion.choices:
            self.fields[f"r_{criterion}"] = forms.TypedChoiceField(
                label=f"{label}: {_('rating')}".capitalize(),
                choices=[("", "—"), *Rating.choices],
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.fields[f"e_{criterion}"] = forms.CharField(
                label=f"{label}: {_('evidence')}".capitalize(),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for criterion, _label in Criterion.choices:
            if cleaned.get(f"r_{criterion}") and not (cleaned.get(f"e_{criterion}") or "").strip():
                self.add_error(f"e_{criterion}", _("Give the evidence for this rating."))
        return cleaned

    def ratings(self) -> dict[str, tuple[int, str]]:
        return {
            criterion: (self.cleaned_data[f"r_{criterion}"], self.cleaned_data[f"e_{criterion}"])
            for criterion, _label in Criterion.choices
            if self.cleaned_data.get(f"r_{criterion}")
        }


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("recommendation"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(
        label=_("owner"), queryset=Organisation.objects.order_by("name_ru")
    )
    deadline = forms.DateField(label=_("deadline"), widget=DATE)


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("management response"),
        choices=[c for c in ResponseKind.choices if c[0]],
    )
    text = forms.CharField(
        label=_("response"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 2}))
