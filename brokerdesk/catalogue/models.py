from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.i18n import translated


class Insurer(models.Model):
    name = models.CharField(_("Nom"), max_length=200, unique=True)
    legal_name = models.CharField(_("Dénomination"), max_length=200, blank=True)
    # Prefix of the quote references made on this insurer's products (PV in PV_TPE-KMO_...).
    reference_prefix = models.CharField(_("Préfixe des références"), max_length=10)

    class Meta:
        verbose_name = _("compagnie")
        verbose_name_plural = _("compagnies")

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    insurer = models.ForeignKey(Insurer, on_delete=models.PROTECT, related_name="products")
    code = models.CharField(_("Code"), max_length=30, unique=True)
    name_fr = models.CharField(_("Nom (français)"), max_length=200)
    name_nl = models.CharField(_("Nom (néerlandais)"), max_length=200)
    name_en = models.CharField(_("Nom (anglais)"), max_length=200)
    description_fr = models.TextField(_("Description (français)"), blank=True)
    description_nl = models.TextField(_("Description (néerlandais)"), blank=True)
    description_en = models.TextField(_("Description (anglais)"), blank=True)

    class Meta:
        verbose_name = _("produit")
        verbose_name_plural = _("produits")
        ordering = ["insurer__name", "name_fr"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")

    @property
    def description(self) -> str:
        return translated(self, "description")
