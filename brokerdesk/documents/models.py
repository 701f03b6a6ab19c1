from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


def _stored_name(document: Document, filename: str) -> str:
    # Nothing of the uploaded name reaches the storage: a random name under the office's
    # folder, with the extension of what the content is (set by the service).
    extension = filename[filename.rfind(".") :] if "." in filename else ""
    return f"documents/{document.office_id}/{secrets.token_hex(16)}{extension}"


class Document(models.Model):
    """A file kept with a quote or a client (exactly one of them), in Django's default storage."""

    class Kind(models.TextChoices):
        CLAIMS_HISTORY = "claims_history", _("Attestation de sinistralité")
        PAYROLL = "payroll", _("Déclaration de rémunérations")
        PREVIOUS_POLICY = "previous_policy", _("Police précédente")
        OTHER = "other", _("Autre")

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    quote = models.ForeignKey(
        "quotes.Quote", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("Type de document"), max_length=20, choices=Kind)
    file = models.FileField(upload_to=_stored_name, max_length=200)
    # The name it is downloaded under: the uploaded one, made safe (lib/uploads.safe_filename).
    name = models.CharField(_("Nom du fichier"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Déposé le"), auto_now_add=True)
    # The upload form's one-time token (lib/formtokens.py): a double click keeps one copy.
    form_token = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quote__isnull=False, client__isnull=True)
                | Q(quote__isnull=True, client__isnull=False),
                name="document_of_a_quote_or_a_client",
            ),
            models.UniqueConstraint(
                fields=["uploaded_by", "form_token"],
                condition=~Q(form_token=""),
                name="document_form_token_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@receiver(post_delete, sender=Document)
def _delete_file(sender: type[Document], instance: Document, **kwargs: object) -> None:
    """The file goes with its row, however the row goes (a deletion, its quote's or client's,
    an office erased), once the deletion is committed."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
