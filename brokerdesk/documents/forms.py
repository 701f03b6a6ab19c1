from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brokerdesk.documents.models import Document
from brokerdesk.lib.formfields import SafeInputForm
from brokerdesk.lib.uploads import attachment_limit, attachment_type, size_label

ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


class DocumentForm(SafeInputForm, forms.Form):
    kind = forms.ChoiceField(label=_("Type de document"), choices=Document.Kind.choices)
    file = forms.FileField(
        label=_("Fichier"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "PDF, image (PNG, JPEG, WebP) ou document Office (Word, Excel, PowerPoint, "
            "OpenDocument), %(size)s au plus."
        ) % {"size": size_label(attachment_limit())}
        self.file_type = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > attachment_limit():
            raise forms.ValidationError(
                gettext("Le fichier dépasse %(size)s.") % {"size": size_label(attachment_limit())},
                code="too_big",
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Le fichier est vide."), code="empty")
        self.file_type = attachment_type(upload, upload.name or "")
        if self.file_type is None:
            raise forms.ValidationError(
                _(
                    "Ce fichier n'est pas accepté : son contenu n'est ni un PDF, ni une image, "
                    "ni un document Office."
                ),
                code="type",
            )
        return upload
