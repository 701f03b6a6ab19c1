"""Second factor (recovery codes; the TOTP devices are django-otp's) and the index of each
user's sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecoveryCode(models.Model):
    """A single-use code for when the authenticator app is lost. Only a keyed hash is kept
    (HMAC with SECRET_KEY): the database alone does not give the codes back."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("code de secours")
        verbose_name_plural = _("codes de secours")
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {'used' if self.used_at else 'unused'}"
