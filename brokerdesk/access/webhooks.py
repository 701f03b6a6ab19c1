"""Webhooks: an office's administrators manage its endpoints and see their deliveries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from brokerdesk.notifications.models import WebhookDelivery, WebhookEndpoint
from brokerdesk.offices.models import Membership


def office_endpoints(admin: Membership) -> QuerySet[WebhookEndpoint]:
    if not admin.is_admin:
        raise Http404
    return WebhookEndpoint.objects.filter(office=admin.office)


def get_endpoint_or_404(admin: Membership, pk: int) -> WebhookEndpoint:
    return get_object_or_404(office_endpoints(admin), pk=pk)


def office_deliveries(admin: Membership) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint__in=office_endpoints(admin)).select_related(
        "endpoint"
    )


def get_delivery_or_404(admin: Membership, pk: str) -> WebhookDelivery:
    return get_object_or_404(office_deliveries(admin), pk=pk)
