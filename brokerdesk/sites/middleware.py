"""Which door a request came through: an insurer site's host, its path prefix, or neither."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import get_script_prefix, reverse, set_script_prefix

from brokerdesk.lib.branding import Brand, current_brand
from brokerdesk.sites import registry
from brokerdesk.sites.models import InsurerSite


class InsurerSiteMiddleware:
    """First in MIDDLEWARE. Sets `request.insurer_site` (or None) and the brand of e-mails.

    A configured site's host is accepted without being in ALLOWED_HOSTS, so that sites added
    in the admin work without a restart; every other host still goes through Django's own
    ALLOWED_HOSTS check. On the generic host, /<prefix>/... is served as the prefix's site:
    the prefix moves into the script prefix, so URLs resolve and reverse() writes them with it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sites = registry.configured()
        raw_host = request._get_raw_host()
        site = sites.by_host.get(split_domain_port(raw_host)[0])
        script_prefix = None
        if site is not None:
            # This request's host is validated: a configured site's (the instance attribute
            # stands in for the method, for this request only).
            request.get_host = lambda: raw_host
        else:
            site = _prefix_site(request, sites)
            if site is not None:
                if request.path_info == f"/{site.path_prefix}":
                    return HttpResponsePermanentRedirect(f"{request.path}/")
                script_prefix = get_script_prefix()
                request.path_info = request.path_info[len(site.path_prefix) + 1 :]
                set_script_prefix(f"{script_prefix}{site.path_prefix}/")
        request.insurer_site = site
        token = current_brand.set(brand(site) if site else None)
        try:
            return self.get_response(request)
        finally:
            current_brand.reset(token)
            if script_prefix is not None:
                set_script_prefix(script_prefix)


def _prefix_site(request: HttpRequest, sites: registry.Sites) -> InsurerSite | None:
    first = request.path_info.split("/", 2)[1]
    return sites.by_prefix.get(first) if first else None


def brand(site: InsurerSite) -> Brand:
    logo = f"{site.origin}{reverse('site_logo')}" if site.logo else ""
    return Brand(name=site.display_name, url=site.origin, logo_url=logo, colour=site.colour)


class SiteCsrfViewMiddleware(CsrfViewMiddleware):
    """Django's CSRF protection, with the configured sites' origins trusted as well (they
    change without a restart, so they are read from the registry, not cached here)."""

    @property
    def csrf_trusted_origins_hosts(self) -> list[str]:
        return [
            *super().csrf_trusted_origins_hosts,
            *registry.configured().by_host,
        ]

    @property
    def allowed_origins_exact(self) -> set[str]:
        return {
            *(o for o in settings.CSRF_TRUSTED_ORIGINS if "*" not in o),
            *registry.configured().origins,
        }
