from __future__ import annotations

import hashlib
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Product


class TariffVersion(models.Model):
    """A tariff file an insurer uploaded for a product. Its text never changes once stored:
    quotes and offers name the version that priced them."""

    class State(models.TextChoices):
        UPLOADED = "uploaded", _("Non activé")
        SCHEDULED = "scheduled", _("Programmé")
        IN_FORCE = "in_force", _("En vigueur")
        REPLACED = "replaced", _("Remplacé")

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="tariff_versions")
    version = models.CharField(_("Version"), max_length=50)
    description = models.CharField(_("Description"), max_length=300, blank=True)
    source = models.TextField(_("Fichier"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Déposé le"), auto_now_add=True)
    effective_from = models.DateField(_("En vigueur à partir du"), null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    activated_at = models.DateTimeField(_("Activé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("version de tarif")
        verbose_name_plural = _("versions de tarif")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "version"], name="one_version_name"),
            models.UniqueConstraint(fields=["product", "effective_from"], name="one_version_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.product.code} {self.version}"

    def save(self, *args, **kwargs) -> None:
        digest = hashlib.sha256(self.source.encode()).hexdigest()
        if self.pk and digest != self.sha256:
            # A version may have priced offers: its figures must stay as they were.
            raise ValueError("a tariff version's file never changes")
        self.sha256 = digest
        super().save(*args, **kwargs)

    def state(self, today: date, in_force_pk: int | None) -> str:
        if self.effective_from is None:
            return self.State.UPLOADED
        if self.effective_from > today:
            return self.State.SCHEDULED
        return self.State.IN_FORCE if self.pk == in_force_pk else self.State.REPLACED
