"""Single sign-on with an insurer's OpenID Connect provider, one configuration per site.

mozilla-django-oidc brings the authorisation code flow (state, nonce, PKCE, the code
exchange, the provider's signing keys); its settings are global, so this backend takes them
from the site the request came through instead. On top of the library's checks, the ID token's
issuer, audience and expiry are verified, and a person is linked to an account only through an
e-mail address the provider marks as verified: nobody is ever given an office by signing in.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any

import jwt
import requests
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from brokerdesk.accounts.models import User
from brokerdesk.sites import services
from brokerdesk.sites.models import InsurerSite

logger = logging.getLogger(__name__)
TIMEOUT = 10  # seconds for each call to the provider
ALGORITHMS = ["RS256", "ES256", "PS256"]


class ProviderError(Exception):
    """The provider cannot be reached, or answers something unusable."""


class Outcome(StrEnum):
    LINKED = "linked"  # a verified address of an existing account: logged in
    UNKNOWN = "unknown"  # nobody has this verified address: sent to sign-up
    UNVERIFIED = "unverified"  # the provider does not vouch for the address
    INACTIVE = "inactive"


def provider_configuration(issuer: str) -> dict[str, Any]:
    """The provider's discovery document, kept an hour."""
    key = f"oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderError(f"discovery failed: {error}") from error
        if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
            raise ProviderError("the discovery document names another issuer")
        cache.set(key, document, 3600)
    return document


# The library's settings that are the same for every site.
FIXED_SETTINGS = {
    "OIDC_RP_SCOPES": "openid email profile",
    "OIDC_CREATE_USER": False,
    "OIDC_USE_PKCE": True,
    "OIDC_TIMEOUT": TIMEOUT,
    "OIDC_AUTHENTICATION_CALLBACK_URL": "sso_callback",
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    "OIDC_ALLOW_UNSECURED_JWT": False,
}


def oidc_setting(attr: str, *args: Any) -> Any:
    if attr in FIXED_SETTINGS:
        return FIXED_SETTINGS[attr]
    return import_from_settings(attr, *args)


class SiteOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates only when called with `insurer_site=` (from the callback view), so that
    password logins never reach it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the provider from settings here; ours comes with each request.
        self.UserModel = User
        self.site: InsurerSite | None = None
        self.outcome: Outcome | None = None
        self.claims: dict[str, Any] = {}

    def get_settings(self, attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def authenticate(self, request: Any, insurer_site: InsurerSite | None = None, **kwargs: Any):
        if insurer_site is None or not insurer_site.sso_enabled:
            return None
        self.site = insurer_site
        document = provider_configuration(insurer_site.oidc_issuer)
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document.get("userinfo_endpoint", "")
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = insurer_site.oidc_client_id
        self.OIDC_RP_CLIENT_SECRET = insurer_site.oidc_client_secret
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, ValueError, KeyError) as error:
            raise ProviderError(str(error)) from error

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        # The library compares the token's algorithm with a single configured one; accept
        # the usual asymmetric ones, never "none" nor a shared-secret algorithm.
        try:
            self.OIDC_RP_SIGN_ALGO = jwt.get_unverified_header(token).get("alg", "")
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"unreadable ID token: {error}") from error
        if self.OIDC_RP_SIGN_ALGO not in ALGORITHMS:
            raise SuspiciousOperation(f"ID token signed with {self.OIDC_RP_SIGN_ALGO!r}")
        return super().verify_token(token, **kwargs)

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The signature, and what the library leaves out: issuer, audience and expiry."""
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider_configuration(self.site.oidc_issuer)["issuer"],
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=30,
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]):
        """The ID token's claims, completed by the userinfo endpoint for the same subject."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") == payload.get("sub"):
                claims.update(userinfo)
        return claims

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]):
        self.claims = claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("email_verified") is not True or not claims.get("email"):
            self.outcome = Outcome.UNVERIFIED
            return None
        user = User.objects.filter(email__iexact=claims["email"]).first()
        if user is None:
            self.outcome = Outcome.UNKNOWN
            return None
        if not user.is_active:
            self.outcome = Outcome.INACTIVE
            return None
        services.record_sign_in(
            site=self.site,
            user=user,
            subject=str(claims["sub"]),
            producer_number=self.producer_number(),
        )
        self.outcome = Outcome.LINKED
        return user

    def producer_number(self) -> str:
        """The producer number the provider asserts, if the site names its claim."""
        name = self.site.oidc_producer_number_claim if self.site else ""
        value = self.claims.get(name) if name else None
        return str(value).strip()[:30] if isinstance(value, str | int) else ""


SIGNUP_KEY = "sso_signup"


def remember_signup(request: Any, site: InsurerSite, claims: dict[str, Any]) -> None:
    """What the provider said about an unknown person, to pre-fill the sign-up form."""
    request.session[SIGNUP_KEY] = {
        "site": site.pk,
        "first_name": str(claims.get("given_name", ""))[:150],
        "last_name": str(claims.get("family_name", ""))[:150],
        "email": str(claims.get("email", ""))[:254],
    }


def signup_initial(request: Any) -> dict[str, str]:
    """The sign-up form's first values after an unknown person signed in with a provider."""
    data = request.session.get(SIGNUP_KEY) or {}
    return {k: data[k] for k in ("first_name", "last_name", "email") if data.get(k)}
