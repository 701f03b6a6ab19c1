from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from brokerdesk.security import services, sessions
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


NOTHING_TO_ASK = "second_factor_not_needed"


class SecondFactorMiddleware:
    """After the password, a user with an authenticator gives its code before anything else;
    a user who must have one (policy.second_factor_required, with MFA_ENFORCED on) and has
    none sets it up first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not services.is_verified(request)
            and request.session.get(NOTHING_TO_ASK) != user.pk
            and not _open(request)
        ):
            if services.has_second_factor(user):
                return _to("mfa_verify", request)
            if must_enrol(user):
                return _to("mfa_setup", request)
            # Nothing to ask at this login, and nothing asked again until the next one (a login
            # starts a new session): no query for it on every page.
            request.session[NOTHING_TO_ASK] = user.pk
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


class SessionTrackingMiddleware:
    """Logs out a session past its absolute lifetime or idle timeout (settings
    SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS), and records the others' use for the list
    of the user's sessions."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            if sessions.expired(request):
                sessions.end_expired(request)
                messages.info(request, _("Votre session a expiré. Reconnectez-vous."))
                return _to_login(request)
            sessions.seen(request)
        return self.get_response(request)


def _to_login(request: HttpRequest) -> HttpResponse:
    target = reverse("login")
    htmx = request.headers.get("HX-Request") == "true"
    if request.method == "GET" and not htmx:
        target += "?" + urlencode({"next": request.get_full_path()})
    response = redirect(target)
    if htmx:
        response["HX-Redirect"] = target
    return response
