"""Reading access requests for the insurer's back-office, over already scoped requests."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from brokerdesk.catalogue.models import Integration


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
