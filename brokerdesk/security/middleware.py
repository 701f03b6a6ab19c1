from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from brokerdesk.security import services
from brokerdesk.security.policy import must_enrol

# What a signed-in user may reach before the second factor: the code and enrolment pages,
# leaving, and pages that hold nothing of anyone's.
OPEN_BEFORE_SECOND_FACTOR = {
    "mfa_verify",
    "mfa_setup",
    "logout",
    "set_language",
    "healthz",
    "csp_report",
    "terms",
    "help",
    "help_article",
}


class SecondFactorMiddleware:
    """After the password, a user with an authenticator gives its code before anything else;
    a user who must have one (policy.second_factor_required, with MFA_ENFORCED on) and has
    none sets it up first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not services.is_verified(request) and not _open(request):
            if services.has_second_factor(user):
                return _to("mfa_verify", request)
            if must_enrol(user):
                return _to("mfa_setup", request)
        return self.get_response(request)


def _open(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.url_name in OPEN_BEFORE_SECOND_FACTOR


def _to(name: str, request: HttpRequest) -> HttpResponse:
    target = reverse(name)
    htmx = request.headers.get("HX-Request") == "true"  # django-htmx runs after this
    if request.method == "GET" and not htmx:
        target += "?" + urlencode({"next": request.get_full_path()})
    response = redirect(target)
    if htmx:
        response["HX-Redirect"] = target
    return response
