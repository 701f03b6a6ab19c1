"""Personal access tokens of the API: create (the secret is shown once), revoke, look up."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from brokerdesk.accounts.models import AccessToken, User
from brokerdesk.audit.log import record

DEFAULT_LIFETIME = timedelta(days=365)
# last_used_at is written at most this often: a busy integration must not write on every call.
TOUCH_EVERY = timedelta(minutes=1)


@transaction.atomic
def create_token(
    *, user: User, name: str, scopes: list[str], expires_at: datetime | None = None
) -> tuple[AccessToken, str]:
    """The new token and its secret, which is never stored nor shown again."""
    secret = AccessToken.PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        scopes=sorted(set(scopes)),
        prefix=secret[:10],
        secret_hash=AccessToken.hash_secret(secret),
        expires_at=expires_at or timezone.now() + DEFAULT_LIFETIME,
    )
    record("token.created", actor=user, target=token, name=name, scopes=token.scopes)
    return token, secret


@transaction.atomic
def revoke_token(*, token: AccessToken, by: User) -> None:
    updated = AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    if updated:
        record("token.revoked", actor=by, target=token, owner=token.user_id)


def token_for_secret(secret: str) -> AccessToken | None:
    """The usable token of a secret: not revoked, not expired, of an active user; else None.

    Read on every call, so a revocation or a deactivation takes effect on the next request.
    """
    if not secret.startswith(AccessToken.PREFIX) or len(secret) > 100:
        return None
    token = (
        AccessToken.objects.select_related("user")
        .filter(secret_hash=AccessToken.hash_secret(secret))
        .first()
    )
    if token is None or not token.is_usable:
        return None
    return token


def touch(token: AccessToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
