from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Insurer, Integration, Product
from brokerdesk.lib.formfields import FilterForm, StyledForm
from brokerdesk.offices.forms import free_group_name
from brokerdesk.offices.models import Office

# Patterns made of digits only (\d{6}, \d{4,6}): the phone shows its numeric keyboard.
DIGITS_ONLY = re.compile(r"(\\d(\{\d+(,\d*)?\}|[+*?])?)+")


class ProducerNumberForm(StyledForm, forms.Form):
    producer_number = forms.CharField(max_length=30)

    def __init__(self, *args: Any, product: Product, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.product = product
        field = self.fields["producer_number"]
        field.label = _("Numéro de producteur %(insurer)s") % {"insurer": product.insurer.name}
        field.help_text = product.producer_number_description
        if DIGITS_ONLY.fullmatch(product.producer_number_pattern_in_use):
            field.widget.attrs["inputmode"] = "numeric"

    def clean_producer_number(self) -> str:
        number = "".join(self.cleaned_data["producer_number"].split()).upper()
        if not self.product.accepts_producer_number(number):
            message = _("Format attendu pour un numéro de producteur %(insurer)s : %(format)s.")
            raise forms.ValidationError(
                message
                % {
                    "insurer": self.product.insurer.name,
                    "format": self.product.producer_number_description,
                },
                code="format",
            )
        taken = Integration.objects.filter(
            product=self.product,
            producer_number__iexact=number,
            status__in=[Integration.Status.REQUESTED, Integration.Status.ACCEPTED],
        )
        if taken.exists():
            raise forms.ValidationError(
                _("Ce numéro de producteur est déjà utilisé pour ce produit."), code="taken"
            )
        return number


class NewGroupIntegrationForm(ProducerNumberForm):
    """CAS 2: a distinct group for a further producer number."""

    name = forms.CharField(label=_("Nom du groupe"), max_length=200)
    field_order = ["name", "producer_number"]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.order_fields(self.field_order)

    def clean_name(self) -> str:
        return free_group_name(self.office, self.cleaned_data["name"])


class DecisionForm(StyledForm, forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, reason_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class RequestFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Integration.Status.choices],
    )
    product = forms.ModelChoiceField(
        label=_("Produit"),
        required=False,
        queryset=Product.objects.none(),
        empty_label=_("Tous les produits"),
    )

    def __init__(self, *args: Any, insurer: Insurer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = insurer.products.all()
        self.fields["q"].widget.attrs["placeholder"] = _("Bureau, groupe ou numéro")
