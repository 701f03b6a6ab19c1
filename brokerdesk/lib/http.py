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


# The largest id a BigAutoField holds (signed 64 bits): anything larger is no row of ours, and
# some databases refuse to compare it at all (SQLite: OverflowError).
MAX_ID = 2**63 - 1


def id_param(value: str | None) -> int:
    """An id read from a query string or a posted field, or 0 when it is none: only ASCII
    digits count ("²".isdigit() is true, and int() refuses it), and nothing over 64 bits."""
    if not value or len(value) > 19 or not (value.isascii() and value.isdigit()):
        return 0
    number = int(value)
    return number if number <= MAX_ID else 0


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
