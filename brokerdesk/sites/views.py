"""An insurer site's logo and colours, its single sign-on, and the deep link to a quote."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from brokerdesk.access.quotes import quotes_by_reference
from brokerdesk.lib.colours import darker, rgb
from brokerdesk.sites import sso
from brokerdesk.sites.models import InsurerSite

logger = logging.getLogger(__name__)
BACKEND = "brokerdesk.sites.sso.SiteOIDCBackend"


def _site_or_404(request: HttpRequest) -> InsurerSite:
    site = getattr(request, "insurer_site", None)
    if site is None:
        raise Http404
    return site


@login_not_required
@require_GET
def logo(request: HttpRequest) -> HttpResponse:
    """The site's logo, public like the login page that shows it."""
    site = _site_or_404(request)
    if not site.logo:
        raise Http404
    response = FileResponse(site.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"  # the link carries the version
    return response


@login_not_required
@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The site's colours as a style sheet (the CSP allows no inline styles)."""
    site = _site_or_404(request)
    ctx = {}
    for name, colour in (("colour", site.colour), ("accent", site.accent_colour)):
        ctx[name], ctx[f"{name}_dark"] = colour, darker(colour)
        ctx[f"{name}_rgb"] = ", ".join(str(v) for v in rgb(colour))
        ctx[f"{name}_dark_rgb"] = ", ".join(str(v) for v in rgb(darker(colour)))
    response = render(request, "sites/brand.css", ctx, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def quote_by_reference(request: HttpRequest, reference: str) -> HttpResponse:
    """A deep link to a quote by its reference, through the same visibility rule as the
    list: a reference the user may not see answers 404, like one that does not exist."""
    found = list(quotes_by_reference(request.user, reference)[:2])
    if not found:
        raise Http404
    if len(found) > 1:  # insurer staff: the same reference in several offices
        return redirect(f"{reverse('backoffice_quotes')}?{urlencode({'q': reference})}")
    return redirect("quote", pk=found[0].pk)


# Single sign-on


def _sso_site_or_404(request: HttpRequest) -> InsurerSite:
    site = _site_or_404(request)
    if not site.sso_enabled:
        raise Http404
    return site


def _failed(request: HttpRequest, site: InsurerSite) -> HttpResponse:
    messages.error(
        request,
        _(
            "La connexion avec %(name)s n'a pas abouti. Réessayez, ou connectez-vous avec votre "
            "e-mail et votre mot de passe."
        )
        % {"name": site.display_name},
    )
    return redirect("login")


class SsoStart(OIDCAuthenticationRequestView):
    """To the provider's login page, with state, nonce and PKCE kept in the session."""

    def __init__(self, **kwargs: object) -> None:
        View.__init__(self, **kwargs)  # the provider comes from the request, not settings

    def get_settings(self, attr: str, *args: object) -> object:
        return sso.oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        site = _sso_site_or_404(request)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = sso.provider_configuration(site.oidc_issuer)[
                "authorization_endpoint"
            ]
        except (sso.ProviderError, KeyError):
            logger.warning("sso provider unavailable for %s", site, exc_info=True)
            return _failed(request, site)
        self.OIDC_RP_CLIENT_ID = site.oidc_client_id
        return super().get(request)


sso_start = login_not_required(SsoStart.as_view())


@login_not_required
@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    site = _sso_site_or_404(request)
    states = request.session.get("oidc_states", {})
    entry = states.pop(request.GET.get("state", ""), None)  # used once, whatever happens
    request.session.modified = True
    if entry is None or request.GET.get("error") or not request.GET.get("code"):
        return _failed(request, site)
    backend = sso.SiteOIDCBackend()
    try:
        user = backend.authenticate(
            request,
            insurer_site=site,
            nonce=entry.get("nonce"),
            code_verifier=entry.get("code_verifier"),
        )
    except (sso.ProviderError, SuspiciousOperation) as error:
        logger.warning("sso sign-in refused for %s: %s", site, error)
        return _failed(request, site)
    if backend.outcome == sso.Outcome.LINKED and user is not None:
        target = request.session.pop("oidc_login_next", None) or ""
        login(request, user, backend=BACKEND)
        if not url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            target = resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect(target)
    if backend.outcome == sso.Outcome.UNKNOWN:
        sso.remember_signup(request, site, backend.claims)
        messages.info(
            request,
            _(
                "Aucun compte n'utilise encore l'adresse %(email)s. Créez le compte de votre "
                "bureau : votre nom et votre e-mail sont déjà remplis."
            )
            % {"email": backend.claims["email"]},
        )
        return redirect("signup")
    if backend.outcome == sso.Outcome.UNVERIFIED:
        messages.error(
            request,
            _(
                "%(name)s ne confirme pas votre adresse e-mail : connectez-vous avec votre "
                "e-mail et votre mot de passe."
            )
            % {"name": site.display_name},
        )
        return redirect("login")
    return _failed(request, site)
