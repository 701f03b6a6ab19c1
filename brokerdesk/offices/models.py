from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.belgium import format_enterprise_number, format_phone
from brokerdesk.lib.text import initials


class CompanyDetails(models.Model):
    """Address and identifiers shared by offices and groups."""

    street = models.CharField(_("Rue"), max_length=200, blank=True)
    number = models.CharField(_("Numéro"), max_length=20, blank=True)
    postal_code = models.CharField(_("Code postal"), max_length=4, blank=True)
    city = models.CharField(_("Ville"), max_length=100, blank=True)
    enterprise_number = models.CharField(_("Numéro d'entreprise"), max_length=10, blank=True)
    website = models.URLField(_("Site Web"), blank=True)
    phone = models.CharField(_("Numéro de téléphone"), max_length=20, blank=True)

    class Meta:
        abstract = True

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def address_lines(self) -> list[str]:
        lines = [" ".join(p for p in (self.street, self.number) if p)]
        lines.append(" ".join(p for p in (self.postal_code, self.city) if p))
        return [line for line in lines if line]


class Office(CompanyDetails):
    """A broker company: the tenant. Everything a broker sees belongs to one office."""

    name = models.CharField(_("Nom commercial (de la société)"), max_length=200)
    # The broker's registration with the FSMA, printed on every offer.
    fsma_number = models.CharField(_("Numéro FSMA"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Every member logs in with a second factor, not only the administrators.
    require_mfa = models.BooleanField(
        _("Double authentification pour tous les utilisateurs"), default=False
    )

    class Meta:
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaux")

    def __str__(self) -> str:
        return self.name


class Group(CompanyDetails):
    """A sub-account ("Sous-compte"): decides which colleagues see each other's quotes."""

    DEFAULT_NAME = "Default"

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("Nom"), max_length=200)
    logo = models.ImageField(_("Logo"), upload_to="logos/", blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    contact = models.CharField(_("Contact"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("groupe")
        verbose_name_plural = _("groupes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="group_name_unique_in_office"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return initials(self.name)


class Membership(models.Model):
    """A user's place in an office; a user belongs to exactly one office."""

    class Role(models.TextChoices):
        INTERMEDIARY = "intermediary", _("Intermédiaire")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invité")
        ACTIVE = "active", _("Actif")
        DEACTIVATED = "deactivated", _("Désactivé")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(_("Est administrateur"), default=False)
    role = models.CharField(_("Rôle"), max_length=20, choices=Role, default=Role.INTERMEDIARY)
    status = models.CharField(_("Statut"), max_length=20, choices=Status, default=Status.ACTIVE)
    groups = models.ManyToManyField(Group, related_name="memberships", blank=True)
    # The sub-account chosen in the top bar; checked against the allowed groups on every request.
    current_group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("Date d'invitation"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre")
        verbose_name_plural = _("membres")

    def __str__(self) -> str:
        return f"{self.user} @ {self.office}"

    def accepted_products(self) -> list:
        """Products the user may price, through the accepted integrations of their groups.

        Reads prefetched groups and integrations when the caller prefetched them.
        """
        products = {}
        for group in self.groups.all():
            for integration in group.integrations.all():
                if integration.status == "accepted":
                    products[integration.product_id] = integration.product
        return list(products.values())


class Invitation(models.Model):
    """The pending invitation of a membership; only a hash of the token is stored."""

    VALID_FOR = timedelta(days=7)

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="invitation"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.membership.user.email} ({self.membership.office})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
