from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Product
from brokerdesk.lib.formfields import SafeInputForm
from brokerdesk.lib.uploads import document_limit, size_label


class UploadForm(SafeInputForm, forms.Form):
    product = forms.ModelChoiceField(label=_("Produit"), queryset=Product.objects.none())
    file = forms.FileField(
        label=_("Fichier de tarif (TOML)"),
        help_text=_("Le même format que rating/tariffs/ : chaque erreur est indiquée par ligne."),
    )

    def __init__(self, *args: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        if len(products) == 1:
            self.fields["product"].initial = products.first()

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > document_limit():  # the current file is about 20 KB
            raise forms.ValidationError(
                gettext("Le fichier dépasse %(size)s.") % {"size": size_label(document_limit())},
                code="too_big",
            )
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("Le fichier doit être du texte en UTF-8."), code="encoding"
            ) from error
        if "\x00" in text:
            raise forms.ValidationError(_("Le fichier doit être du texte en UTF-8."), code="nul")
        return text


class ActivateForm(SafeInputForm, forms.Form):
    effective_from = forms.DateField(
        label=_("En vigueur à partir du"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effective_from"].initial = timezone.localdate()
