"""Bearer authentication by personal access token, with its scope and rate limits."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer

from brokerdesk.accounts.models import AccessToken
from brokerdesk.accounts.tokens import token_for_secret, touch
from brokerdesk.api import limits

READ = AccessToken.Scope.READ.value
QUOTES_WRITE = AccessToken.Scope.QUOTES_WRITE.value
OFFERS_WRITE = AccessToken.Scope.OFFERS_WRITE.value
BACKOFFICE = AccessToken.Scope.BACKOFFICE.value


class MissingScope(Exception):
    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


class TokenAuth(HttpBearer):
    """A token acts as its user, with the user's rights of the moment, within one scope."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def __call__(self, request: HttpRequest) -> Any:
        limits.check_address(request)
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> AccessToken | None:
        found = token_for_secret(token)
        if found is None:
            return None
        limits.check_token(found.pk)
        # The owner's language from here on: validation messages and refusals speak it.
        translation.activate(found.user.language)
        request.LANGUAGE_CODE = found.user.language
        if self.scope not in found.scopes:
            raise MissingScope(self.scope)
        touch(found)
        request.user = found.user
        return found


def token_of(request: HttpRequest) -> AccessToken | None:
    """The request's usable token, without counting it against any limit (replays)."""
    header = request.headers.get("Authorization", "")
    scheme, _space, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token_for_secret(secret.strip())


read = TokenAuth(READ)
quotes_write = TokenAuth(QUOTES_WRITE)
offers_write = TokenAuth(OFFERS_WRITE)
backoffice = TokenAuth(BACKOFFICE)
