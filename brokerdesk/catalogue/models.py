from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.i18n import translated
from brokerdesk.lib.text import initials


class Insurer(models.Model):
    class ProducerNumberFormat(models.TextChoices):
        DIGITS = "digits", _("chiffres uniquement")
        ALPHANUMERIC = "alphanumeric", _("lettres et chiffres")

    name = models.CharField(_("Nom"), max_length=200, unique=True)
    legal_name = models.CharField(_("Dénomination"), max_length=200, blank=True)
    # Prefix of the quote references made on this insurer's products (PV in PV_TPE-KMO_...).
    reference_prefix = models.CharField(_("Préfixe des références"), max_length=10)
    producer_number_format = models.CharField(
        _("Format du numéro de producteur"),
        max_length=20,
        choices=ProducerNumberFormat,
        default=ProducerNumberFormat.DIGITS,
    )

    class Meta:
        verbose_name = _("compagnie")
        verbose_name_plural = _("compagnies")

    def __str__(self) -> str:
        return self.name


class InsurerStaff(models.Model):
    """An insurer's employee: decides access requests and reads quotes on its products."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insurer_staff"
    )
    insurer = models.ForeignKey(Insurer, on_delete=models.CASCADE, related_name="staff")

    class Meta:
        verbose_name = _("collaborateur de compagnie")
        verbose_name_plural = _("collaborateurs de compagnie")

    def __str__(self) -> str:
        return f"{self.user} ({self.insurer})"


class Product(models.Model):
    insurer = models.ForeignKey(Insurer, on_delete=models.PROTECT, related_name="products")
    code = models.CharField(_("Code"), max_length=30, unique=True)
    name_fr = models.CharField(_("Nom (français)"), max_length=200)
    name_nl = models.CharField(_("Nom (néerlandais)"), max_length=200)
    name_en = models.CharField(_("Nom (anglais)"), max_length=200)
    description_fr = models.TextField(_("Description (français)"), blank=True)
    description_nl = models.TextField(_("Description (néerlandais)"), blank=True)
    description_en = models.TextField(_("Description (anglais)"), blank=True)
    producer_number_length = models.PositiveSmallIntegerField(
        _("Longueur du numéro de producteur"), default=6
    )

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

    @property
    def initials(self) -> str:
        return initials(self.name_fr)


class Integration(models.Model):
    """A group's access to a product under one producer number ("intégration")."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("En attente")
        ACCEPTED = "accepted", _("Acceptée")
        REFUSED = "refused", _("Refusée")
        REVOKED = "revoked", _("Révoquée")

    group = models.ForeignKey(
        "offices.Group", on_delete=models.CASCADE, related_name="integrations"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="integrations")
    producer_number = models.CharField(_("Numéro de producteur"), max_length=30)
    status = models.CharField(_("Statut"), max_length=12, choices=Status, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("Demandée le"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("Décidée le"), null=True, blank=True)
    reason = models.TextField(_("Motif"), blank=True)

    class Meta:
        verbose_name = _("intégration")
        verbose_name_plural = _("intégrations")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "product"], name="one_integration_per_group"),
            # A refused or revoked number may be requested again, by anyone.
            models.UniqueConstraint(
                fields=["product", "producer_number"],
                condition=Q(status__in=["requested", "accepted"]),
                name="producer_number_unique_per_product",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.product} · {self.producer_number}"

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED
