from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brokerdesk.accounts.models import AccessToken, User
from brokerdesk.accounts.services import EmailTaken
from brokerdesk.lib.formfields import StyledForm

PASSWORD_HELP = _(
    "6 caractères minimum. Évitez les mots de passe courants ou trop proches de votre nom "
    "ou de votre e-mail."
)


def free_email(email: str, current: str = "") -> str:
    """The address typed, unless another user has it (the user's own current one is free)."""
    email = email.strip()
    if email.lower() != current.lower() and User.email_taken(email):
        raise forms.ValidationError(EmailTaken.message, code="taken")
    return email


def _password_input(autocomplete: str, render_value: bool = False) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete}, render_value=render_value)


class LoginForm(StyledForm, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(
            attrs={
                "autofocus": True,
                "autocomplete": "email",
                "placeholder": "john.doe@nomentreprise.com",
            }
        ),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "placeholder": _("6 caractères minimum")}
        ),
    )
    error_messages = {
        "invalid_login": _("E-mail ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
    }


class SignupPersonalForm(StyledForm, forms.Form):
    """Step "Personnel". Passwords are re-rendered so that "Précédent" loses nothing."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=pgettext_lazy("personne", "Nom"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        help_text=PASSWORD_HELP,
        widget=_password_input("new-password", render_value=True),
    )
    password2 = forms.CharField(
        label=_("Confirmer le mot de passe"),
        strip=False,
        widget=_password_input("new-password", render_value=True),
    )
    accept_terms = forms.BooleanField(
        label=_("J'accepte les conditions générales d'utilisation"),
        error_messages={"required": _("Vous devez accepter les conditions d'utilisation.")},
    )

    def clean_email(self) -> str:
        return free_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        elif p1:
            candidate = User(
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ProfileForm(StyledForm, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language"]

    def clean_email(self) -> str:
        return free_email(self.cleaned_data["email"], current=self.instance.email)


class ChangePasswordForm(StyledForm, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Ancien mot de passe")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = _("Confirmer le nouveau mot de passe")


class ResetPasswordForm(StyledForm, SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = _("Confirmer le nouveau mot de passe")


class ForgotPasswordForm(StyledForm, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class AccessTokenForm(StyledForm, forms.Form):
    """A new API token: its name, its scopes among those the user may grant, its expiry."""

    MAX_DAYS = 366 * 2

    name = forms.CharField(label=_("Nom du jeton"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("Droits"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    expires_on = forms.DateField(
        label=_("Expire le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Par défaut, dans un an."),
    )

    def __init__(self, *args: Any, scopes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(AccessToken.Scope.choices)
        self.fields["scopes"].choices = [(scope, labels[scope]) for scope in scopes]
        self.fields["scopes"].initial = [AccessToken.Scope.READ]

    def clean_expires_on(self) -> date | None:
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day is not None and not today < day <= today + timedelta(days=self.MAX_DAYS):
            raise forms.ValidationError(
                _("Choisissez une date dans les deux prochaines années."), code="expiry"
            )
        return day
