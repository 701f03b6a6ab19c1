"""Products with the sub-account's access to each, and the sub-accounts the user may act in."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from brokerdesk.access.catalogue import catalogue_products, group_integrations
from brokerdesk.access.offices import (
    membership_for,
    request_group,
    request_groups,
    require_membership,
)
from brokerdesk.api import auth, responses
from brokerdesk.api.quotes import acting_group
from brokerdesk.api.schemas import GroupOut, Id, ProductOut

router = Router(tags=["catalogue"])


@router.get(
    "/products", response=responses.read(list[ProductOut]), auth=auth.read,
    url_name="api_products",
)  # fmt: skip
def products(request: HttpRequest, group: Id | None = None) -> list[dict]:
    """The catalogue, with the access of the given (else the current) sub-account."""
    membership = membership_for(request.user)
    acting = acting_group(request, group) if membership else None
    integrations = group_integrations(acting)
    return [
        {
            "code": product.code,
            "name": product.name,
            "insurer": product.insurer.name,
            "access": integrations[product.pk].status if product.pk in integrations else None,
        }
        for product in catalogue_products()
    ]


@router.get(
    "/groups", response=responses.read(list[GroupOut]), auth=auth.read, url_name="api_groups"
)
def groups(request: HttpRequest) -> list[dict]:
    """The sub-accounts the user may act in: all of the office's for an administrator."""
    require_membership(request.user)
    current = request_group(request)
    return [
        {"id": group.pk, "name": group.name, "current": group == current}
        for group in request_groups(request)
    ]
