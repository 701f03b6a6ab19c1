from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Ticket(models.Model):
    """A question the assistant did not solve, handed to a person (operators use the admin)."""

    class Status(models.TextChoices):
        # An anonymous visitor's ticket waits until the address typed is confirmed by the link
        # sent to it; support hears of it only then.
        PENDING = "pending", _("Adresse à confirmer")
        OPEN = "open", _("Ouvert")
        CLOSED = "closed", _("Fermé")

    created_at = models.DateTimeField(auto_now_add=True)
    # One ticket per escalation form, however often it is submitted.
    key = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    email = models.EmailField(_("E-mail"))
    language = models.CharField(max_length=2)
    message = models.TextField(_("Votre question"))
    conversation = models.TextField(_("Conversation avec l'assistant"), blank=True)
    office = models.CharField(_("Bureau"), max_length=200, blank=True)
    group = models.CharField(_("Sous-compte"), max_length=200, blank=True)
    page = models.CharField(_("Page"), max_length=500, blank=True)
    quote_reference = models.CharField(_("Demande"), max_length=80, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)

    class Meta:
        verbose_name = _("ticket de support")
        verbose_name_plural = _("tickets de support")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.email}"
