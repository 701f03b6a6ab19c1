from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Insurer, Integration, Product
from brokerdesk.lib.formfields import FilterForm, StyledForm
from brokerdesk.offices.forms import free_group_name
from brokerdesk.offices.models import Office


class ProducerNumberForm(StyledForm, forms.Form):
    producer_number = forms.CharField(max_length=30)

    def __init__(self, *args: Any, product: Product, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.product = product
        field = self.fields["producer_number"]
        field.label = _("Numéro de producteur %(insurer)s") % {"insurer": product.insurer.name}
        length = product.producer_number_length
        if product.insurer.producer_number_format == Insurer.ProducerNumberFormat.DIGITS:
            field.help_text = _("%(length)s chiffres") % {"length": length}
            field.widget.attrs["inputmode"] = "numeric"
        else:
            field.help_text = _("%(length)s caractères") % {"length": length}

    def clean_producer_number(self) -> str:
        number = "".join(self.cleaned_data["producer_number"].split())
        length = self.product.producer_number_length
        digits_only = (
            self.product.insurer.producer_number_format == Insurer.ProducerNumberFormat.DIGITS
        )
        if digits_only and not number.isdigit():
            raise forms.ValidationError(
                _("Le numéro de producteur ne contient que des chiffres."), code="format"
            )
        if not number.isalnum():
            raise forms.ValidationError(
                _("Le numéro de producteur ne contient que des lettres et des chiffres."),
                code="format",
            )
        if len(number) != length:
            raise forms.ValidationError(
                _("Le numéro de producteur compte %(length)s caractères.") % {"length": length},
                code="length",
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
        return number.upper()


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
