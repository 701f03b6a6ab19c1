"""The insurer's back-office: access requests to its products, and quotes on them (read only)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view

from brokerdesk.access.catalogue import (
    get_insurer_integration_or_404,
    insurer_integrations,
    require_insurer_staff,
)
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.api import auth, responses, serialize
from brokerdesk.api.idempotency import DOCUMENTED, idempotent
from brokerdesk.api.schemas import (
    AccessRequestOut,
    AccessRequestPage,
    DecisionIn,
    Page,
    PathId,
    QuotePage,
)
from brokerdesk.catalogue import services
from brokerdesk.catalogue.forms import DecisionForm, RequestFilterForm
from brokerdesk.catalogue.models import Integration
from brokerdesk.catalogue.selectors import filter_integrations
from brokerdesk.quotes.answers import Invalid
from brokerdesk.quotes.search import search as search_quotes

router = Router(tags=["backoffice"])


class RequestFilters(Schema):
    q: str = ""
    status: str = ""
    product: str = ""
    page: Page = 1


@router.get(
    "/backoffice/requests", response=responses.read(AccessRequestPage), auth=auth.backoffice,
    url_name="api_access_requests",
)  # fmt: skip
def access_requests(request: HttpRequest, filters: Query[RequestFilters]) -> dict:
    """Access requests to the insurer's products, newest first, with the browser's filters."""
    staff = require_insurer_staff(request.user)
    product = staff.insurer.products.filter(code=filters.product).first()
    data = {"q": filters.q, "status": filters.status, "product": product.pk if product else ""}
    form = RequestFilterForm(data, insurer=staff.insurer)
    chosen = form.cleaned_data if form.is_valid() else {}
    rows = filter_integrations(insurer_integrations(staff), chosen)
    return serialize.page(rows, filters.page, serialize.access_request)


def _decide(request: HttpRequest, pk: int, action: str, reason: str) -> dict:
    staff = require_insurer_staff(request.user)
    integration = get_insurer_integration_or_404(staff, pk)
    form = DecisionForm({"reason": reason}, reason_required=action in ("refuse", "revoke"))
    if not form.is_valid():
        raise Invalid([(["reason"], _("Indiquez le motif du refus ou de la révocation."))])
    reason = form.cleaned_data["reason"]
    if action == "revoke":
        services.revoke(integration=integration, reason=reason, decided_by=request.user)
    else:
        accept = action == "accept"
        services.decide(
            integration=integration, accept=accept, reason=reason, decided_by=request.user
        )
    return serialize.access_request(Integration.objects.get(pk=integration.pk))


@decorate_view(idempotent)
@router.post(
    "/backoffice/requests/{request_id}/accept", response=responses.write(AccessRequestOut),
    auth=auth.backoffice, url_name="api_access_accept", openapi_extra=DOCUMENTED
)  # fmt: skip
def accept(request: HttpRequest, request_id: PathId, payload: DecisionIn | None = None) -> dict:
    return _decide(request, request_id, "accept", payload.reason if payload else "")


@decorate_view(idempotent)
@router.post(
    "/backoffice/requests/{request_id}/refuse", response=responses.write(AccessRequestOut),
    auth=auth.backoffice, url_name="api_access_refuse", openapi_extra=DOCUMENTED
)  # fmt: skip
def refuse(request: HttpRequest, request_id: PathId, payload: DecisionIn) -> dict:
    return _decide(request, request_id, "refuse", payload.reason)


@decorate_view(idempotent)
@router.post(
    "/backoffice/requests/{request_id}/revoke", response=responses.write(AccessRequestOut),
    auth=auth.backoffice, url_name="api_access_revoke", openapi_extra=DOCUMENTED
)  # fmt: skip
def revoke(request: HttpRequest, request_id: PathId, payload: DecisionIn) -> dict:
    return _decide(request, request_id, "revoke", payload.reason)


@router.get(
    "/backoffice/quotes", response=responses.read(QuotePage), auth=auth.backoffice,
    url_name="api_backoffice_quotes",
)  # fmt: skip
def quotes(request: HttpRequest, q: str = "", page: Page = 1) -> dict:
    """Quotes made on the insurer's products, read only, with the brokers' search."""
    require_insurer_staff(request.user)
    query = q.strip()
    visible = visible_quotes(request.user)
    found = search_quotes(visible, query) if query else visible.order_by("-updated_at", "-pk")
    return serialize.page(found, page, serialize.quote)
