from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.i18n import translated
from brokerdesk.lib.text import initials


def validate_pattern(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValidationError(
            _("Expression régulière invalide : %(error)s."), params={"error": error}
        ) from None


def _pattern_field(**kwargs: Any) -> models.CharField:
    return models.CharField(
        _("Format du numéro de producteur"),
        max_length=200,
        validators=[validate_pattern],
        help_text=format_lazy(
            _(
                "Expression régulière que le numéro entier (sans espaces) doit suivre, "
                "par exemple {example} pour 4 à 6 chiffres."
            ),
            example=r"\d{4,6}",
        ),
        **kwargs,
    )


def _description_field(label: str, **kwargs: Any) -> models.CharField:
    return models.CharField(
        label,
        max_length=200,
        help_text=_("Montré sous le champ et dans son message d'erreur : « 4 à 6 chiffres »."),
        **kwargs,
    )


class Insurer(models.Model):
    name = models.CharField(_("Nom"), max_length=200, unique=True)
    legal_name = models.CharField(_("Dénomination"), max_length=200, blank=True)
    # Prefix of the quote references made on this insurer's products (PV in PV_TPE-KMO_...).
    reference_prefix = models.CharField(_("Préfixe des références"), max_length=10)
    # Printed on every offer (issue 16): who the client contracts with.
    address = models.CharField(_("Adresse du siège"), max_length=300, blank=True)
    licence_number = models.CharField(_("Numéro d'agrément (BNB)"), max_length=30, blank=True)
    # The format of producer numbers is the insurer's data (a product may have its own).
    producer_number_pattern = _pattern_field(default=r"\d{6}")
    producer_number_description_fr = _description_field(
        _("Format en mots (français)"), default="6 chiffres"
    )
    producer_number_description_nl = _description_field(
        _("Format en mots (néerlandais)"), blank=True, default="6 cijfers"
    )
    producer_number_description_en = _description_field(
        _("Format en mots (anglais)"), blank=True, default="6 digits"
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
    """A pricing tool of an insurer; its producer numbers follow the insurer's format unless
    the product has its own."""

    insurer = models.ForeignKey(Insurer, on_delete=models.PROTECT, related_name="products")
    code = models.CharField(_("Code"), max_length=30, unique=True)
    name_fr = models.CharField(_("Nom (français)"), max_length=200)
    name_nl = models.CharField(_("Nom (néerlandais)"), max_length=200)
    name_en = models.CharField(_("Nom (anglais)"), max_length=200)
    description_fr = models.TextField(_("Description (français)"), blank=True)
    description_nl = models.TextField(_("Description (néerlandais)"), blank=True)
    description_en = models.TextField(_("Description (anglais)"), blank=True)
    # Referred to by every offer of the product (issue 16).
    general_conditions_url = models.URLField(_("Conditions générales (lien)"), blank=True)
    information_sheet_url = models.URLField(_("Fiche d'information produit (lien)"), blank=True)
    # Empty: the insurer's format.
    producer_number_pattern = _pattern_field(blank=True)
    producer_number_description_fr = _description_field(_("Format en mots (français)"), blank=True)
    producer_number_description_nl = _description_field(
        _("Format en mots (néerlandais)"), blank=True
    )
    producer_number_description_en = _description_field(_("Format en mots (anglais)"), blank=True)

    class Meta:
        verbose_name = _("produit")
        verbose_name_plural = _("produits")
        ordering = ["insurer__name", "name_fr"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.producer_number_pattern and not self.producer_number_description_fr:
            raise ValidationError(
                {
                    "producer_number_description_fr": _(
                        "Décrivez le format propre à ce produit pour les courtiers."
                    )
                }
            )

    @property
    def producer_number_pattern_in_use(self) -> str:
        return self.producer_number_pattern or self.insurer.producer_number_pattern

    @property
    def producer_number_description(self) -> str:
        """The format of this product's producer numbers in words, in the active language."""
        holder = self if self.producer_number_pattern else self.insurer
        return translated(holder, "producer_number_description")

    def accepts_producer_number(self, number: str) -> bool:
        return re.fullmatch(self.producer_number_pattern_in_use, number) is not None

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
