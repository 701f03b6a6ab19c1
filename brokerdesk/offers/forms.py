from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.formfields import SafeInputForm

LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


class SendForm(SafeInputForm, forms.Form):
    """ "Envoyer au client": pre-filled with the client's address and language."""

    email = forms.EmailField(label=_("E-mail du client"))
    language = forms.ChoiceField(label=_("Langue du client"), choices=LANGUAGES)
    email.widget.attrs.update({"class": "form-control", "autocomplete": "email"})
    language.widget.attrs["class"] = "form-select"


class AcceptForm(SafeInputForm, forms.Form):
    """The client's acceptance on the public page."""

    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    function = forms.CharField(label=_("Fonction"), max_length=200)
    agree = forms.BooleanField(
        label=_("J'ai lu l'offre et je l'accepte au nom du preneur d'assurance."),
        error_messages={"required": _("Cochez la case pour accepter l'offre.")},
    )
    name.widget.attrs.update({"class": "form-control", "autocomplete": "name"})
    function.widget.attrs.update({"class": "form-control", "autocomplete": "organization-title"})
    agree.widget.attrs["class"] = "form-check-input"
