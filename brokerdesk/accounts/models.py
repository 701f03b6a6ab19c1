from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brokerdesk.lib.text import initials


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        # E-mail addresses are unique whatever their case, so log in whatever the case typed.
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    first_name = models.CharField(_("Prénom"), max_length=150)
    last_name = models.CharField(pgettext_lazy("personne", "Nom"), max_length=150)
    email = models.EmailField(_("E-mail"), max_length=254)
    language = models.CharField(
        _("Langue"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)
    # A new address waits here until the link sent to it is used.
    pending_email = models.EmailField(_("nouvel e-mail à confirmer"), blank=True)
    # A departed collaborator whose personal data the office erased (brokerdesk/privacy).
    erased_at = models.DateTimeField(_("données effacées le"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        if self.erased_at:
            return str(_("Ancien collaborateur"))
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def initials(self) -> str:
        return initials(self.get_full_name())

    @classmethod
    def email_taken(cls, email: str, exclude_pk: int | None = None) -> bool:
        return cls.objects.filter(email__iexact=email.strip()).exclude(pk=exclude_pk).exists()


class AccessToken(models.Model):
    """A personal access token of the API: it acts as its user, within its scopes.

    Only the SHA-256 of the secret is stored (the secret is random, so a slow hash adds
    nothing); its first characters stay readable so that the owner recognises it in a list.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Lecture")
        QUOTES_WRITE = "quotes:write", _("Demandes : créer et modifier")
        OFFERS_WRITE = "offers:write", _("Offres : émettre")
        BACKOFFICE = "backoffice", _("Back-office de l'assureur")

    PREFIX = "bdk_"
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("Nom"), max_length=100)
    scopes = models.JSONField(_("Droits"), default=list)
    prefix = models.CharField(max_length=16)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("Créé le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("Expire le"))
    last_used_at = models.DateTimeField(_("Dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("jeton d'accès")
        verbose_name_plural = _("jetons d'accès")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired and self.user.is_active

    def scope_labels(self) -> list[str]:
        labels = dict(self.Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
