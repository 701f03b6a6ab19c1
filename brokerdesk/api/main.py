"""The public REST API, /api/v1/: its routers, refusals, documentation and URLs."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from brokerdesk.api import backoffice, catalogue, clients, errors, quotes

DESCRIPTION = """
The brokerdesk API: everything a user can do in the browser, with the same rights.

Authenticate with a personal access token (Profile → API access tokens):
`Authorization: Bearer bdk_…`. A token acts as its user, with the user's rights of the
moment, within its scopes: `read` (quotes, offers, clients, products), `quotes:write`
(create, change, price, duplicate, archive, submit to the insurer), `offers:write` (issue),
`backoffice` (the insurer's).
Anything out of the user's reach answers 404. Validation errors answer 422 with the path
of each field and a message in the token owner's language (French, Dutch or English).
POST requests accept an `Idempotency-Key` header (kept 24 hours). Rate limits answer 429
with `Retry-After`.

FR : l'API de brokerdesk, avec les mêmes droits que dans le navigateur.
NL : de API van brokerdesk, met dezelfde rechten als in de browser.
"""

api = NinjaAPI(
    title="brokerdesk API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", catalogue.router)
api.add_router("/", quotes.router)
api.add_router("/", clients.router)
api.add_router("/", backoffice.router)


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URLs, open to requests without a session: a token authenticates each call
    (the documentation and the schema are public)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app_name, namespace
