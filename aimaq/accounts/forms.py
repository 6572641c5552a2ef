from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from aimaq.territories.kato import validate_kato
from aimaq.territories.models import Territory

from .models import Role, RoleGrant, User
from .services import GrantRefused, check_grant, check_revoke


class SignInForm(AuthenticationForm):
    """Django's sign-in form with autocomplete hints for password managers."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def get_invalid_login_error(self) -> ValidationError:
        # Django's sentence opens with the field's name, lower-cased ("username and password
        # ..."); in Kazakh that puts a small letter at the start of the sentence.
        error = super().get_invalid_login_error()
        return ValidationError(capfirst(str(error.message) % (error.params or {})), code=error.code)


class GrantRoleForm(forms.Form):
    """Who gets which role over which territory; the scope is checked by the service."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("The person must already have an account."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    kato = forms.CharField(
        label=_("Territory (KATO code)"),
        min_length=9,
        max_length=9,
        validators=[validate_kato],
        help_text=_("9 digits; the role covers this territory and everything below it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a grant without end date."),
    )

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise forms.ValidationError(
                _("No person has the username “%(username)s”."),
                code="unknown_user",
                params={"username": username},
            ) from None

    def clean_kato(self) -> Territory:
        code = self.cleaned_data["kato"]
        try:
            return Territory.objects.current().get(kato=code)
        except Territory.DoesNotExist:
            raise forms.ValidationError(
                _("No current territory has the KATO code %(kato)s."),
                code="unknown_territory",
                params={"kato": code},
            ) from None


class RoleGrantForm(forms.ModelForm):
    """A grant edited in the admin: refused in the form, with a message, where the service
    would refuse it. The admin sets `grantor` for each request (see `for_grantor`)."""

    grantor: User | None = None

    class Meta:
        model = RoleGrant
        fields = ("user", "role", "territory", "expires_on")

    def revokes(self, cleaned: dict) -> bool:
        """Does the form replace the stored grant (another person, role or territory makes
        another grant, so the stored one is revoked)? Removal is the formset's to check."""
        return any(
            name in self.fields
            and name in cleaned
            and cleaned[name] != getattr(self.instance, name)
            for name in ("user", "role", "territory")
        )

    @classmethod
    def for_grantor(cls, grantor: User) -> type["RoleGrantForm"]:
        return type(cls.__name__, (cls,), {"grantor": grantor})

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.grantor is not None and self.instance.pk and self.revokes(cleaned):
            try:
                # The admin's own confirmation is the change form itself.
                check_revoke(by=self.grantor, grant=self.instance, confirmed=True)
            except PermissionDenied as refusal:
                self.add_error(None, str(getattr(refusal, "message", refusal)))
                return cleaned
        if self.grantor is None or cleaned.get("DELETE") or not self.has_changed():
            return cleaned  # untouched or removed rows of an inline give nothing
        # A field missing from the form is read-only (or the inline's person): the row's own.
        if "territory" in self.fields:
            territory = cleaned.get("territory")
        else:
            territory = self.instance.territory
        if "user" in self.fields:
            user = cleaned.get("user")
        else:  # None while the person is being added
            user = self.instance.user if self.instance.user_id else None
        if territory is None:
            return cleaned  # already reported by the field
        try:
            check_grant(
                by=self.grantor,
                user=user,
                territory=territory,
                expires_on=cleaned.get("expires_on"),
            )
        except GrantRefused as refusal:
            self.add_error(refusal.field if refusal.field in self.fields else None, refusal.message)
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class RoleGrantFormSet(forms.BaseInlineFormSet):
    """A person's grants in the admin: rows ticked for removal are checked as revocations
    (Django does not validate the forms of removed rows)."""

    def clean(self) -> None:
        super().clean()
        grantor = getattr(self.form, "grantor", None)
        if grantor is None:
            return
        for form in self.deleted_forms:
            if form.instance.pk is None:
                continue
            stored = RoleGrant.objects.select_related("user", "territory").get(pk=form.instance.pk)
            try:
                # The admin's own confirmation is the change form itself.
                check_revoke(by=grantor, grant=stored, confirmed=True)
            except PermissionDenied as refusal:
                raise ValidationError(str(getattr(refusal, "message", refusal))) from None
