"""An insurer's own door into the portal: a host name or a path prefix, with its brand."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brokerdesk.catalogue.models import Insurer
from brokerdesk.lib.colours import AA_TEXT, HEX_COLOUR, WHITE, contrast_ratio
from brokerdesk.lib.i18n import translated

HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
# First path segments the portal itself uses: a prefix must not hide one of them.
RESERVED_PREFIXES = {
    "static", "media", "admin", "healthz", "csp-report", "login", "logout", "signup", "terms",
    "password", "profile", "language", "city", "requests", "activities", "search", "products",
    "backoffice", "users", "sub-account", "invitation", "account", "groups", "help", "sso",
    "site",
}  # fmt: skip


def validate_host(value: str) -> None:
    if not HOST_NAME.match(value):
        raise ValidationError(
            _("Un nom d'hôte en minuscules, sans schéma ni port, par exemple vivium.example.be."),
            code="invalid_host",
        )


def validate_prefix(value: str) -> None:
    if value in RESERVED_PREFIXES or value == settings.ADMIN_URL.strip("/"):
        raise ValidationError(
            _("Ce préfixe est déjà utilisé par le portail."), code="reserved_prefix"
        )


def validate_colour(value: str) -> None:
    if not HEX_COLOUR.match(value):
        raise ValidationError(_("Une couleur au format #RRGGBB."), code="invalid_colour")
    ratio = contrast_ratio(value, WHITE)
    if ratio < AA_TEXT:
        raise ValidationError(
            _(
                "Le texte blanc sur cette couleur n'est pas assez lisible : contraste de "
                "%(ratio).2f:1, il faut au moins 4,5:1 (WCAG AA). Choisissez une couleur plus "
                "foncée."
            ),
            code="low_contrast",
            params={"ratio": ratio},
        )


class InsurerSite(models.Model):
    insurer = models.ForeignKey(Insurer, on_delete=models.CASCADE, related_name="sites")
    active = models.BooleanField(_("Actif"), default=True)
    host = models.CharField(
        _("Nom d'hôte"),
        max_length=253,
        blank=True,
        validators=[validate_host],
        help_text=_("Par exemple vivium.brokerdesk.example (vivium.localhost en développement)."),
    )
    path_prefix = models.SlugField(
        _("Préfixe de chemin"),
        max_length=50,
        blank=True,
        validators=[validate_prefix],
        help_text=_("Ou, sur l'adresse générale du portail, un préfixe : vivium pour /vivium/."),
    )
    display_name = models.CharField(
        _("Nom affiché"), max_length=60, help_text=_("Dans la barre du haut, par exemple VIVIUM.")
    )
    logo = models.ImageField(_("Logo"), upload_to="site-logos/", blank=True)
    colour = models.CharField(
        _("Couleur principale"),
        max_length=7,
        default="#0b4f8a",
        validators=[validate_colour],
        help_text=_("Barre du haut et boutons, sous un texte blanc."),
    )
    accent_colour = models.CharField(
        _("Couleur d'accent"),
        max_length=7,
        default="#0b4f8a",
        validators=[validate_colour],
        help_text=_("Liens et boutons secondaires, sur fond blanc."),
    )
    welcome_fr = models.TextField(_("Texte d'accueil (français)"), blank=True)
    welcome_nl = models.TextField(_("Texte d'accueil (néerlandais)"), blank=True)
    welcome_en = models.TextField(_("Texte d'accueil (anglais)"), blank=True)
    # Single sign-on with the insurer's own OpenID Connect provider (optional).
    oidc_issuer = models.URLField(
        _("Émetteur OpenID Connect"),
        blank=True,
        help_text=_("L'adresse de l'émetteur (issuer) ; sa configuration est lue à cette adresse."),
    )
    oidc_client_id = models.CharField(_("Identifiant client"), max_length=200, blank=True)
    oidc_client_secret = models.CharField(_("Secret client"), max_length=500, blank=True)
    oidc_producer_number_claim = models.CharField(
        _("Revendication du numéro de producteur"),
        max_length=100,
        blank=True,
        default="producer_number",
        help_text=_("Le nom de la revendication (claim) qui porte le numéro de producteur."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site de compagnie")
        verbose_name_plural = _("sites de compagnie")
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(host="") & ~Q(path_prefix="")) | (~Q(host="") & Q(path_prefix="")),
                name="site_has_host_or_prefix",
            ),
            models.UniqueConstraint(
                fields=["host"], condition=~Q(host=""), name="site_host_unique"
            ),
            models.UniqueConstraint(
                fields=["path_prefix"], condition=~Q(path_prefix=""), name="site_prefix_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.host or f"/{self.path_prefix}/"

    def clean(self) -> None:
        if bool(self.host) == bool(self.path_prefix):
            raise ValidationError(
                _("Indiquez soit un nom d'hôte, soit un préfixe de chemin."), code="host_or_prefix"
            )
        if self.oidc_issuer and not (self.oidc_client_id and self.oidc_client_secret):
            raise ValidationError(
                {
                    "oidc_client_id": _(
                        "L'identifiant et le secret client sont nécessaires avec un émetteur."
                    )
                },
                code="oidc_incomplete",
            )

    @property
    def welcome(self) -> str:
        return translated(self, "welcome")

    @property
    def sso_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret)

    @property
    def origin(self) -> str:
        """Where the site's links start: SITE_URL's scheme and port with the site's host
        (a prefix site shares SITE_URL's origin; its links carry the prefix already)."""
        if not self.host:
            return settings.SITE_URL
        parts = urlsplit(settings.SITE_URL)
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{self.host}{port}"


class SsoIdentity(models.Model):
    """A person as the insurer's identity provider knows them, linked to a portal account."""

    site = models.ForeignKey(InsurerSite, on_delete=models.CASCADE, related_name="identities")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities"
    )
    subject = models.CharField(_("Identifiant chez le fournisseur"), max_length=255)
    producer_number = models.CharField(_("Numéro de producteur déclaré"), max_length=30, blank=True)
    last_login_at = models.DateTimeField(_("Dernière connexion"))

    class Meta:
        verbose_name = _("identité de connexion unique")
        verbose_name_plural = _("identités de connexion unique")
        constraints = [
            models.UniqueConstraint(fields=["site", "subject"], name="one_identity_per_subject")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.site}"
