from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.clients.models import Client
from brokerdesk.lib.formfields import CityFromPostalCode, PhoneField, PostalCodeField


class ClientForm(CityFromPostalCode, forms.ModelForm):
    """What the client page edits: the contact person and the address. The name, enterprise
    number and activity come from the quotes (step 1.1)."""

    postal_code = PostalCodeField(label=_("Code postal"), required=False)
    phone = PhoneField(label=_("Téléphone"), required=False)

    class Meta:
        model = Client
        fields = [
            "contact_name",
            "email",
            "phone",
            "language",
            "street",
            "number",
            "postal_code",
            "city",
        ]
