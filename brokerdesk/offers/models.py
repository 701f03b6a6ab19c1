"""Issued offers: every PDF a client may receive, kept as it was sent (issue 16)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferVersion(models.Model):
    """One issued offer of a quote, immutable: its PDF bytes and their SHA-256 never change.

    A new issue, or any change of the quote, supersedes it. The client's acceptance is
    recorded on the version accepted, with the sealed copy of its PDF.
    """

    quote = models.ForeignKey("quotes.Quote", on_delete=models.CASCADE, related_name="offers")
    number = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(max_length=2)
    pdf = models.FileField(upload_to="offers/%Y/%m/", max_length=200)
    sha256 = models.CharField(max_length=64)
    superseded_at = models.DateTimeField(null=True, blank=True)
    # The client's acceptance from the public page.
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_ip = models.GenericIPAddressField(null=True, blank=True)
    accepted_name = models.CharField(max_length=200, blank=True)
    accepted_function = models.CharField(max_length=200, blank=True)
    sealed_pdf = models.FileField(upload_to="offers/%Y/%m/", max_length=200, blank=True)
    sealed_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("offre émise")
        verbose_name_plural = _("offres émises")
        ordering = ["quote", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "number"], name="offer_number_per_quote")
        ]

    def __str__(self) -> str:
        return f"{self.quote_id} v{self.number}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def filename(self) -> str:
        return f"{self.quote.reference}-v{self.number}.pdf"


class OfferLink(models.Model):
    """The personal link of one sending: only the SHA-256 of its token is kept."""

    version = models.ForeignKey(OfferVersion, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    language = models.CharField(max_length=2)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    # The one-time token of the "Envoyer au client" form: posted twice, it sends once.
    form_token = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("lien d'offre")
        verbose_name_plural = _("liens d'offre")

    def __str__(self) -> str:
        return f"{self.version} → {self.email}"
