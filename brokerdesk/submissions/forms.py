from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.formfields import StyledForm
from brokerdesk.lib.text import clean_text
from brokerdesk.lib.uploads import attachment_type, name_fits, size_label
from brokerdesk.submissions.services import ACCEPT, LOAD, REFUSE, Upload

MAX_ATTACHMENTS = 5  # as many files as a request may carry (DATA_UPLOAD_MAX_NUMBER_FILES)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_ATTACHMENTS PDF, images or office documents, each checked from its content."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Upload]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                gettext("%(count)s fichiers au plus par message.") % {"count": MAX_ATTACHMENTS},
                code="too_many",
            )
        return [_checked(super(AttachmentsField, self).clean(upload)) for upload in files]


def _checked(upload: Any) -> Upload:
    limit = settings.ATTACHMENT_MAX_BYTES
    name = clean_text(str(upload.name or ""), max_length=200).strip() or "document"
    if upload.size > limit:
        raise ValidationError(
            gettext("« %(name)s » dépasse %(size)s.") % {"name": name, "size": size_label(limit)},
            code="too_big",
        )
    kind = attachment_type(upload, name)
    if kind is None:
        raise ValidationError(
            gettext(
                "« %(name)s » n'est ni un PDF, ni une image, ni un document bureautique "
                "(Word, Excel, PowerPoint, OpenDocument)."
            )
            % {"name": name},
            code="type",
        )
    if not name_fits(name, kind):
        raise ValidationError(
            gettext("Le contenu de « %(name)s » ne correspond pas à son nom (%(ext)s attendu).")
            % {"name": name, "ext": kind.extension},
            code="name",
        )
    return Upload(file=upload, name=name, content_type=kind.content_type, size=upload.size)


class MessageForm(StyledForm, forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = AttachmentsField(
        label=_("Pièces jointes"),
        required=False,
        help_text=_("PDF, images ou documents bureautiques, 10 Mo au plus chacun."),
    )


class DecisionForm(StyledForm, forms.Form):
    """The insurer's decision on a submitted proposition."""

    action = forms.ChoiceField(choices=[("accept", "accept"), ("refuse", "refuse")])
    policy_number = forms.CharField(label=_("Numéro de police"), max_length=40, required=False)
    reason = forms.CharField(
        label=_("Motif du refus"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "accept" and not data.get("policy_number", "").strip():
            self.add_error("policy_number", _("Indiquez le numéro de police."))
        if data.get("action") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", _("Indiquez le motif du refus."))
        return data


class ReferralForm(StyledForm, forms.Form):
    """The insurer's answer to a referred quote."""

    answer = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (ACCEPT, _("Accepter telle que tarifée")),
            (LOAD, _("Accepter avec une surprime")),
            (REFUSE, _("Refuser")),
        ],
        widget=forms.RadioSelect,
    )
    loading_percent = forms.DecimalField(
        label=_("Surprime (%)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("500"),
        max_digits=5,
        decimal_places=2,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        missing = data.get("answer") == LOAD and data.get("loading_percent") is None
        if missing and "loading_percent" not in self.errors:
            self.add_error("loading_percent", _("Indiquez la surprime en pour cent."))
        return data
