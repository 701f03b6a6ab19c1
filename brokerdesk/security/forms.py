from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.formfields import StyledForm


class CodeForm(StyledForm, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Les 6 chiffres de votre application, ou un code de secours."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )
