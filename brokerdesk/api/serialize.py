"""Quotes, clients and access requests as the API shows them (see schemas.py)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

from brokerdesk.catalogue.models import Integration
from brokerdesk.clients.models import Client
from brokerdesk.offers.models import OfferVersion
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.steps import applicable

PAGE_SIZE = 25  # as the browser's lists


def quote(item: Quote) -> dict[str, Any]:
    return {
        "id": item.pk,
        "reference": item.reference,
        "client_name": item.client_name,
        "client": item.client_id,
        "status": item.status,
        "policy_number": item.policy_number,
        "product": item.product.code,
        "group": item.group_id,
        "created_by": item.created_by.get_full_name() or item.created_by.email,
        "total_annual": item.total_annual,
        "referred": item.referred,
        "indicative": item.indicative,
        "tariff_version": item.tariff_version,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "issued_at": item.issued_at,
        "offer_language": item.offer_language,
    }


def quote_detail(item: Quote) -> dict[str, Any]:
    missing = [s.slug for s in applicable(item.answers) if s.slug not in item.steps_done]
    return {
        **quote(item),
        "answers": item.answers,
        "steps_done": item.steps_done,
        "missing_steps": missing,
        "breakdown": item.breakdown,
        "offers": [offer(version) for version in item.offers.order_by("-number")],
    }


def offer(item: OfferVersion) -> dict[str, Any]:
    return {
        "number": item.number,
        "issued_at": item.issued_at,
        "language": item.language,
        "sha256": item.sha256,
        "superseded": item.superseded_at is not None,
        "accepted": item.accepted_at is not None,
    }


CLIENT_FIELDS = (
    "name", "enterprise_number", "street", "number", "postal_code", "city", "activity_code",
    "contact_name", "email", "phone", "language", "created_at", "updated_at",
)  # fmt: skip


def client(item: Client) -> dict[str, Any]:
    return {"id": item.pk, **{name: getattr(item, name) for name in CLIENT_FIELDS}}


def access_request(item: Integration) -> dict[str, Any]:
    return {
        "id": item.pk,
        "product": item.product.code,
        "office": item.group.office.name,
        "group": item.group.name,
        "producer_number": item.producer_number,
        "status": item.status,
        "requested_by": item.requested_by.email if item.requested_by else "",
        "requested_at": item.requested_at,
        "decided_at": item.decided_at,
        "reason": item.reason,
    }


def page(rows: QuerySet[Any], number: int, shown: Any, count: int | None = None) -> dict:
    """One page of a list, 25 rows, as the browser pages it (a page past the end: the last)."""
    paginator = Paginator(rows, PAGE_SIZE)
    if count is not None:
        paginator.count = count
    current = paginator.get_page(number)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [shown(row) for row in current],
    }
