"""Facts about an HTTP request that depend on the deployment (reverse proxies)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, as seen by the outermost trusted proxy.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so with N proxies the client is the N-th entry from the right; whatever the client wrote
    further left is ignored. Without trusted proxies the header is never read.
    """
    count = settings.TRUSTED_PROXIES
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def axes_client_ip(request: HttpRequest) -> str:
    return client_ip(request)


def normalised_email(value: object) -> str:
    """An address as the account lookup sees it: "  Alice@Example.BE " is "alice@example.be"."""
    return str(value or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The login throttle's key: the normalised address, so that no spelling of one account
    (letter case, spaces around it) gets its own series of guesses."""
    if credentials:
        typed = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        typed = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return normalised_email(typed)
