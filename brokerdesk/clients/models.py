from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Client(models.Model):
    """A company an office insures, known by its enterprise number (one per office)."""

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="clients")
    enterprise_number = models.CharField(_("Numéro d'entreprise"), max_length=12, blank=True)
    name = models.CharField(_("Nom / raison sociale"), max_length=200)
    street = models.CharField(_("Rue"), max_length=200, blank=True)
    number = models.CharField(_("Numéro"), max_length=20, blank=True)
    postal_code = models.CharField(_("Code postal"), max_length=4, blank=True)
    city = models.CharField(_("Ville"), max_length=100, blank=True)
    activity_code = models.CharField(_("Activité (NACE)"), max_length=10, blank=True)
    contact_name = models.CharField(_("Personne de contact"), max_length=200, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Téléphone"), max_length=30, blank=True)
    language = models.CharField(_("Langue"), max_length=2, choices=settings.LANGUAGES, default="fr")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="client_enterprise_number_per_office",
            )
        ]

    def __str__(self) -> str:
        return self.name
