"""Django's CSRF deploy checks look for its own middleware by name; the portal runs it as
SiteCsrfViewMiddleware (a subclass that also trusts the insurer sites' origins), so these
checks stand in for them (settings.py silences security.W003, which names Django's class)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.checks.security.csrf import W016

SITE_CSRF = "brokerdesk.sites.middleware.SiteCsrfViewMiddleware"


@register(Tags.security, deploy=True)
def check_csrf_middleware(app_configs: Any, **kwargs: Any) -> list:
    if SITE_CSRF not in settings.MIDDLEWARE:
        return [Error(f"{SITE_CSRF} must be in MIDDLEWARE (CSRF protection).", id="sites.E001")]
    if not settings.CSRF_USE_SESSIONS and settings.CSRF_COOKIE_SECURE is not True:
        return [W016]
    return []
