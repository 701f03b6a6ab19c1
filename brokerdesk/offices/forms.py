from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.forms import free_email
from brokerdesk.lib.formfields import CompanyDetailsForm, FilterForm, StyledForm
from brokerdesk.lib.images import reencode_logo
from brokerdesk.lib.uploads import logo_limit, size_label
from brokerdesk.notifications.models import WebhookEndpoint
from brokerdesk.offices.models import Group, Membership, Office
from brokerdesk.offices.services import GroupNameTaken


def free_group_name(office: Office, name: str, group: Group | None = None) -> str:
    """The name typed, unless another group of the office has it, whatever the case."""
    name = name.strip()
    others = office.groups.exclude(pk=group.pk if group else None)
    if others.filter(name__iexact=name).exists():
        raise forms.ValidationError(GroupNameTaken.message, code="taken")
    return name


class GroupChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Group) -> str:
        return obj.name


class InviteForm(StyledForm, forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=pgettext_lazy("personne", "Nom"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(label=_("Langue"), choices=settings.LANGUAGES)
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)
    is_admin = forms.BooleanField(label=_("Est administrateur"), required=False)
    groups = GroupChoiceField(
        label=_("Groupe"),
        queryset=Group.objects.none(),
        error_messages={"required": _("Choisissez au moins un groupe.")},
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = office.groups.all()
        if office.groups.count() == 1:
            # With only "Default" there is nothing to choose: the manual shows "Sous-compte".
            self.fields["groups"].label = _("Sous-compte")
            self.fields["groups"].widget = forms.MultipleHiddenInput()
            self.initial.setdefault("groups", list(office.groups.all()))

    def clean_email(self) -> str:
        return free_email(self.cleaned_data["email"])


class MemberForm(StyledForm, forms.ModelForm):
    groups = GroupChoiceField(label=_("Groupes"), queryset=Group.objects.none(), required=False)

    class Meta:
        model = Membership
        fields = ["role", "is_admin", "groups"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = self.instance.office.groups.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("is_admin") and not data.get("groups"):
            self.add_error("groups", _("Un intermédiaire doit appartenir à au moins un groupe."))
        return data


class GroupForm(CompanyDetailsForm):
    class Meta:
        model = Group
        fields = [
            "logo",
            "name",
            "street",
            "number",
            "postal_code",
            "city",
            "email",
            "contact",
            "enterprise_number",
            "website",
            "phone",
        ]
        widgets = {"logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})}

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.fields["logo"].help_text = gettext("PNG, JPEG ou WebP, %(size)s maximum.") % {
            "size": size_label(logo_limit())
        }

    def clean_name(self) -> str:
        return free_group_name(self.office, self.cleaned_data["name"], group=self.instance)

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and logo is not self.initial.get("logo") and hasattr(logo, "size"):
            return reencode_logo(logo)
        return None


class OfficeForm(CompanyDetailsForm):
    """The office's own details: step "Compte" of the sign-up, and the "Compte" page."""

    class Meta:
        model = Office
        fields = [
            "name",
            "enterprise_number",
            "street",
            "number",
            "postal_code",
            "city",
            "website",
            "phone",
            "fsma_number",
        ]
        widgets = {"name": forms.TextInput(attrs={"placeholder": _("Ma société")})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise_number"].required = True


class MemberFilterForm(FilterForm):
    group = forms.ModelChoiceField(
        label=_("Groupe"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("Tous les groupes"),
    )
    role = forms.ChoiceField(label=_("Rôle"), required=False)
    status = forms.ChoiceField(label=_("Statut"), required=False)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["role"].choices = [
            ("", _("Tous les rôles")),
            ("admin", _("Administrateur")),
            *Membership.Role.choices,
        ]
        self.fields["status"].choices = [("", _("Tous les statuts")), *Membership.Status.choices]


class WebhookForm(StyledForm, forms.Form):
    """A new webhook endpoint: an HTTPS address and the events it receives."""

    url = forms.URLField(label=_("Adresse (HTTPS)"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Événements"),
        choices=WebhookEndpoint.Event.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        loopback = url.startswith(("http://127.0.0.1", "http://localhost"))
        if not url.startswith("https://") and not (settings.WEBHOOKS_ALLOW_LOOPBACK and loopback):
            raise forms.ValidationError(_("L'adresse doit commencer par https://."), code="https")
        return url
