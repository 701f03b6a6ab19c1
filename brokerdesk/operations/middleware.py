from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control

from brokerdesk.access import offices as access
from brokerdesk.lib.limits import RateLimited
from brokerdesk.operations.logs import (
    REQUEST_ID_HEADER,
    loggable_path,
    request_id,
    request_id_for,
)
from brokerdesk.operations.views import TOO_MANY_REQUESTS, request_too_large, too_many_requests

logger = logging.getLogger("brokerdesk.requests")


class RequestLogMiddleware:
    """One log line per request: method, path, status, duration, user, office, request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id_for(request)
        reset = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = rid
            path = loggable_path(request.path, request.resolver_match)
            logger.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    **_actor(request),
                },
            )
            return response
        finally:
            request_id.reset(reset)


def _actor(request: HttpRequest) -> dict[str, int | None]:
    """Ids only: names and e-mail addresses are personal data and stay out of the logs."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_id": None, "office_id": None}
    membership = access.membership_for(user)
    return {"user_id": user.pk, "office_id": membership.office_id if membership else None}


class RequestSizeMiddleware:
    """A request body larger than MAX_REQUEST_BYTES gets a 413 page before a byte of it is
    read. Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams files of any
    size to disk: without this, a 60 MB post to the public chat would be read in full."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A length that is no number is read by Django as no body at all.
        length = request.META.get("CONTENT_LENGTH") or ""
        if length.isascii() and length.isdigit() and int(length) > settings.MAX_REQUEST_BYTES:
            # Sessions and the user's language are not read yet: the browser's language.
            with translation.override(translation.get_language_from_request(request)):
                return request_too_large(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy, and where CSP reports go.
    Methods that only serve to echo or tunnel a request (TRACE) are refused everywhere:
    function views answer any method they are not told to refuse."""

    REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in self.REFUSED_METHODS:
            response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        else:
            response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Reporting-Endpoints", 'csp="/csp-report/"')
        return response


class PrivatePagesMiddleware:
    """A logged-in page holds an office's data: no cache anywhere may keep it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class AbuseLimitMiddleware:
    """An abuse limit reached in a view (brokerdesk.lib.limits) answers 429 in the user's
    language: the error page, or for htmx a short notice in place of the fragment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RateLimited):
            return None
        if getattr(request, "htmx", False):
            html = render_to_string("errors/fragment.html", {"message": TOO_MANY_REQUESTS})
            return HttpResponse(html, status=429)
        return too_many_requests(request)
