"""The visibility rule of clients: the same as their quotes' (issue 16)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from brokerdesk.access.offices import membership_for
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.accounts.models import User
from brokerdesk.clients.models import Client
from brokerdesk.lib.http import id_param


def visible_clients(user: User) -> QuerySet[Client]:
    """Administrators see all of their office's clients; a broker those he created or of
    which he can see at least one quote; insurer staff and other offices none."""
    membership = membership_for(user)
    if membership is None:
        return Client.objects.none()
    clients = Client.objects.filter(office=membership.office)
    if membership.is_admin:
        return clients
    seen_quotes = visible_quotes(user).filter(client=OuterRef("pk"))
    return clients.filter(Q(created_by=user) | Q(Exists(seen_quotes)))


def get_client_or_404(user: User, client_id: int) -> Client:
    return get_object_or_404(visible_clients(user), pk=client_id)


def picked_client(request: HttpRequest) -> Client | None:
    """The client a page's ?client= names ("Nouvelle demande" on its page, or one picked in
    step 1.1's suggestions): 404 when the user cannot see it."""
    client_id = request.GET.get("client")
    if client_id is None:
        return None
    pk = id_param(client_id)
    if not pk:
        raise Http404
    return get_client_or_404(request.user, pk)
