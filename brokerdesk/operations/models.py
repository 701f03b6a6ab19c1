from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CspReport(models.Model):
    """A Content-Security-Policy violation a browser reported, for the operator to read."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    document_uri = models.CharField(_("page"), max_length=500, blank=True)
    blocked_uri = models.CharField(_("ressource bloquée"), max_length=500, blank=True)
    directive = models.CharField(_("directive"), max_length=100, blank=True)
    source_file = models.CharField(_("fichier"), max_length=500, blank=True)
    line_number = models.PositiveIntegerField(_("ligne"), null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("violation de la CSP")
        verbose_name_plural = _("violations de la CSP")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.directive} {self.blocked_uri}"
