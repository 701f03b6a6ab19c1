from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.formfields import StyledForm


class EscalationForm(StyledForm, forms.Form):
    email = forms.EmailField(label=_("Votre adresse e-mail"))
    message = forms.CharField(
        label=_("Votre question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    conversation = forms.CharField(
        label=_("Conversation avec l'assistant"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6, "readonly": True}),
    )
    page = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
