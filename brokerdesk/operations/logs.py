"""The request id: set once per request, carried by every log line written during it."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest
from django.urls import Resolver404, ResolverMatch, resolve

REQUEST_ID_HEADER = "X-Request-ID"
# An id from the proxy is kept if it is a plain token; anything else could forge log lines.
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
request_id: ContextVar[str] = ContextVar("request_id", default="")
# URL parts that are secrets (single-use links): logs and reports show the route instead.
SECRET_KWARGS = {"token", "uidb64"}


def request_id_for(request: HttpRequest) -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if _VALID_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = request_id.get()
        return True


def loggable_path(path: str, match: ResolverMatch | None = None) -> str:
    if match is None:
        try:
            match = resolve(path)
        except Resolver404:
            return path
    if SECRET_KWARGS & match.kwargs.keys():
        return "/" + match.route
    return path
