"""API tokens: a user's own, and those of an office's users for its administrators."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from brokerdesk.access.catalogue import insurer_staff_for
from brokerdesk.accounts.models import AccessToken, User
from brokerdesk.offices.models import Membership

BROKER_SCOPES = [
    AccessToken.Scope.READ,
    AccessToken.Scope.QUOTES_WRITE,
    AccessToken.Scope.OFFERS_WRITE,
]
STAFF_SCOPES = [AccessToken.Scope.READ, AccessToken.Scope.BACKOFFICE]


def allowed_scopes(user: User) -> list[str]:
    """What a token of this user may be given: an insurer's staff work in the back-office,
    brokers on quotes and offers."""
    if insurer_staff_for(user) is not None:
        return [str(scope) for scope in STAFF_SCOPES]
    return [str(scope) for scope in BROKER_SCOPES]


def own_tokens(user: User) -> QuerySet[AccessToken]:
    return AccessToken.objects.filter(user=user).select_related("user", "revoked_by")


def get_own_token_or_404(user: User, token_id: int) -> AccessToken:
    return get_object_or_404(own_tokens(user), pk=token_id)


def office_tokens(admin: Membership) -> QuerySet[AccessToken]:
    """Every token of the administrator's office's users (an administrator answers for them)."""
    if not admin.is_admin:
        raise Http404
    tokens = AccessToken.objects.filter(user__membership__office=admin.office)
    return tokens.select_related("user", "revoked_by")


def get_office_token_or_404(admin: Membership, token_id: int) -> AccessToken:
    return get_object_or_404(office_tokens(admin), pk=token_id)
