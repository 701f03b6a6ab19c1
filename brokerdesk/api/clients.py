"""Clients (issue 16): the list with its search, and a client with the quotes the user sees."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from brokerdesk.access.clients import get_client_or_404, visible_clients
from brokerdesk.access.offices import require_membership
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.api import auth, responses, serialize
from brokerdesk.api.schemas import ClientDetail, ClientPage, Page, PathId
from brokerdesk.clients.selectors import matching
from brokerdesk.lib.formfields import MAX_FILTER_LENGTH
from brokerdesk.lib.text import clean_text

router = Router(tags=["clients"])
MAX_QUOTES = 100  # as the client's page


class ClientFilters(Schema):
    q: str = ""
    page: Page = 1


@router.get("/clients", response=responses.read(ClientPage), auth=auth.read, url_name="api_clients")
def clients(request: HttpRequest, filters: Query[ClientFilters]) -> dict:
    """The "Clients" list: by name, 25 a page; `q` searches the name or the enterprise
    number (BE0123.456.789, 0123 456 789 or a part of it), as the browser's search."""
    require_membership(request.user)
    query = clean_text(filters.q, max_length=MAX_FILTER_LENGTH)
    found = matching(visible_clients(request.user), query).order_by("name", "pk")
    return serialize.page(found, filters.page, serialize.client)


@router.get(
    "/clients/{client_id}", response=responses.read(ClientDetail), auth=auth.read,
    url_name="api_client",
)  # fmt: skip
def client(request: HttpRequest, client_id: PathId) -> dict:
    found = get_client_or_404(request.user, client_id)
    quotes = (
        visible_quotes(request.user)
        .filter(client=found)
        .select_related("product", "created_by")
        .order_by("-created_at", "-pk")
    )
    return {**serialize.client(found), "quotes": [serialize.quote(q) for q in quotes[:MAX_QUOTES]]}
