"""Forms of the pages that run a process: the process, a stage, a seat, a meeting, its
attendance (named list or paper sheet), outputs, decisions, photos, a participant."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aimaq.accounts.models import Organisation, OrganisationKind
from aimaq.core.permissions import allowed_rows
from aimaq.territories.models import Territory

from ..choices import (
    SHEET_GROUPS,
    AgeGroup,
    MeetingKind,
    MeetingStatus,
    OutputKind,
    Quadrant,
    Seat,
    Sector,
    Sex,
    StageStatus,
    Theme,
    Vulnerable,
)
from ..models import Body, Participant, PlanningProcess
from ..permissions import ACT_FOR, RUN
from . import model_field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SHEET_GROUP_LABELS = {
    "any": _("in any vulnerable group"),
    "disability": _("people with disability"),
    "large_family": _("large families"),
    "pensioner": _("pensioners"),
}


def territories_for(user: Any, action: str):
    return allowed_rows(user, action, Territory.objects.current(), own_right=True).order_by("kato")


class ProcessForm(forms.ModelForm):
    class Meta:
        model = PlanningProcess
        fields = [
            "territory",
            "name_kk",
            "name_ru",
            "name_en",
            "donor_project",
            "starts_on",
            "ends_on",
            "is_published",
        ]
        labels = {
            "name_kk": _("title (Kazakh)"),
            "name_ru": _("title (Russian)"),
            "name_en": _("title (English)"),
        }
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "territory").queryset = territories_for(user, RUN)
        model_field(self, "donor_project").queryset = Organisation.objects.filter(
            kind=OrganisationKind.DONOR_PROJECT
        ).order_by("name_ru")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"name_{lang}") for lang in ("kk", "ru", "en")):
            self.add_error("name_kk", _("Write the title in at least one language."))
        return cleaned


class StageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StageStatus.choices)
    on = forms.DateField(label=_("Date"), widget=DATE)


class PersonFields(forms.Form):
    """A new person: the sign-in sheet's facts, groups only with consent."""

    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=[("", "—"), *AgeGroup.choices], required=False
    )
    consent = forms.BooleanField(
        label=_("The person agrees that the groups below are stored (reported only in aggregate)"),
        required=False,
    )
    groups = forms.MultipleChoiceField(
        label=_("Vulnerable groups"),
        choices=Vulnerable.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ParticipantForm(PersonFields):
    residence = forms.ModelChoiceField(
        label=_("Place of residence"), queryset=Territory.objects.none()
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices, initial=Sector.RESIDENT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        model_field(self, "residence").queryset = territories_for(user, ACT_FOR)


class SeatForm(PersonFields):
    participant = forms.ModelChoiceField(
        label=_("A person already registered"), queryset=Participant.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("or an organisation"), queryset=Organisation.objects.none(), required=False
    )
    seat = forms.ChoiceField(label=_("Seat"), choices=Seat.choices, initial=Seat.MEMBER)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    joined_on = forms.DateField(label=_("Joined"), widget=DATE, required=False)

    field_order = [
        "participant",
        "organisation",
        "full_name",
        "sex",
        "birth_year",
        "age_group",
        "consent",
        "groups",
        "seat",
        "sector",
        "joined_on",
    ]

    def __init__(self, *args: Any, body: Body, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "participant").queryset = people
        model_field(self, "organisation").queryset = Organisation.objects.filter(
            territory__in=Territory.objects.subtree(
                body.process.territory.parent or body.process.territory
            )
        ).order_by("name_ru")
        self.fields["full_name"].label = _("or a new person: full name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = [
            bool(cleaned.get("participant")),
            bool(cleaned.get("organisation")),
            bool(cleaned.get("full_name")),
        ]
        if sum(chosen) != 1:
            raise forms.ValidationError(
                _("Choose a person, or an organisation, or write a new person's name.")
            )
        return cleaned


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("open meeting of the community"),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=MeetingKind.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=MeetingStatus.choices, initial=MeetingStatus.HELD
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    publish = forms.BooleanField(
        label=_("Publish the meeting's records (never the named list)"), required=False
    )

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if bodies is None:
            del self.fields["body"]
        else:
            model_field(self, "body").queryset = bodies


class PeopleField(forms.ModelMultipleChoiceField):
    """Participants listed by their name alone."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class AttendanceForm(PersonFields):
    people = PeopleField(
        label=_("Who came"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["people", "full_name", "sex", "birth_year", "age_group", "consent", "groups"]

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "people").queryset = people
        self.fields["full_name"].label = _("Add a person not on the list: full name")


class SheetForm(forms.Form):
    """The paper sign-in sheet typed in: people by sex and age group, then groups."""

    scan = forms.FileField(
        label=_("Scan or photo of the sheet (JPEG, PNG, WebP or PDF)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for sex, sex_label in Sex.choices:
            for group, group_label in AgeGroup.choices:
                self.fields[f"{sex}_{group}"] = forms.IntegerField(
                    label=f"{sex_label}, {group_label}",
                    min_value=0,
                    max_value=100_000,
                    required=False,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
        for group in SHEET_GROUPS:
            self.fields[f"group_{group}"] = forms.IntegerField(
                label=SHEET_GROUP_LABELS[group],
                min_value=0,
                max_value=100_000,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def cells(self) -> dict[tuple[str, str], int]:
        return {
            (sex, group): self.cleaned_data.get(f"{sex}_{group}") or 0
            for sex in Sex.values
            for group in AgeGroup.values
        }

    def groups(self) -> dict[str, int]:
        return {group: self.cleaned_data.get(f"group_{group}") or 0 for group in SHEET_GROUPS}


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("What it is"), choices=OutputKind.choices)
    quadrant = forms.ChoiceField(
        label=_("SWOT"), choices=[("", "—"), *Quadrant.choices], required=False
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))
