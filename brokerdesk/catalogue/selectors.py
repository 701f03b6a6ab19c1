"""Reading access requests for the insurer's back-office, over already scoped requests, and
the order in which products are shown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from brokerdesk.catalogue.models import Integration, Product


def filter_integrations(
    integrations: QuerySet[Integration], data: dict[str, Any]
) -> QuerySet[Integration]:
    """The back-office list's filters: words of the office, group, number or requester's
    e-mail, status and product; newest request first."""
    for word in data.get("q", "").split():
        integrations = integrations.filter(
            Q(group__office__name__icontains=word)
            | Q(group__name__icontains=word)
            | Q(producer_number__icontains=word)
            | Q(requested_by__email__icontains=word)
        )
    if data.get("status"):
        integrations = integrations.filter(status=data["status"])
    if data.get("product"):
        integrations = integrations.filter(product=data["product"])
    return integrations.order_by("-requested_at")


def insurer_first(products: Iterable[Product], insurer_id: int | None) -> list[Product]:
    """The products in their usual order, those of the given insurer (the insurer site the
    broker came through) first. Only the order changes: the same products are listed."""
    return sorted(products, key=lambda product: product.insurer_id != insurer_id)
