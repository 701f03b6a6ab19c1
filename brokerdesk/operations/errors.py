"""Error reports to Sentry (only when SENTRY_DSN is set), with personal data removed."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from brokerdesk.operations.logs import loggable_path

# Request headers worth keeping in a report; cookies, authorisation and the rest are dropped.
KEPT_HEADERS = {"user-agent", "x-request-id", "content-type", "content-length"}


def init_sentry(dsn: str, *, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        # The SDK collects as little as it can; `scrub` then keeps the user's id alone.
        data_collection={
            "user_info": True,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(KEPT_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            # Local variables of a stack frame may hold a client's name or answers.
            "stack_frame_variables": False,
        },
        before_send=scrub,
        before_breadcrumb=_scrub_breadcrumb,
    )


def scrub(event: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    """Keep what locates the fault (URL path, method, ids); drop what identifies people."""
    request = event.get("request")
    if request:
        headers = request.get("headers") or {}
        url = urlsplit(request.get("url", ""))
        event["request"] = {
            "url": urlunsplit(url._replace(path=loggable_path(url.path), query="")),
            "method": request.get("method", ""),
            "headers": {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS},
        }
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for key in ("extra", "server_name"):
        event.pop(key, None)
    return event


def _scrub_breadcrumb(crumb: dict[str, Any], hint: Any = None) -> dict[str, Any]:
    # SQL breadcrumbs carry query parameters, log breadcrumbs whatever was formatted in.
    crumb.pop("data", None)
    return crumb
