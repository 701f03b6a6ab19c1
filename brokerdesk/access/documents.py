"""Who sees which documents: a quote's, whoever sees the quote (brokers and insurer staff,
access/quotes.py); a client's, whoever sees the client."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from brokerdesk.access.offices import membership_for
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.accounts.models import User
from brokerdesk.clients.models import Client
from brokerdesk.documents.models import Document
from brokerdesk.offices.models import Membership


def document_clients(user: User) -> QuerySet[Client]:
    """The clients whose documents the user sees: the clients' visibility rule (issue 16) —
    an office's administrators see all its clients, a broker those he created or one of
    whose quotes he sees; insurer staff none.

    To be replaced by access/clients.py `visible_clients` (the same rule) when the clients
    pages are merged: this function is its only use here.
    """
    membership = membership_for(user)
    if membership is None:
        return Client.objects.none()
    clients = Client.objects.filter(office=membership.office)
    if membership.is_admin:
        return clients
    seen = visible_quotes(user).filter(client__isnull=False).values("client_id")
    return clients.filter(Q(created_by=user) | Q(pk__in=seen))


def visible_documents(user: User) -> QuerySet[Document]:
    quotes = visible_quotes(user).values("pk")
    clients = document_clients(user).values("pk")
    return Document.objects.select_related("uploaded_by").filter(
        Q(quote__in=quotes) | Q(client__in=clients)
    )


def get_document_or_404(user: User, pk: int) -> Document:
    return get_object_or_404(visible_documents(user), pk=pk)


def get_document_client_or_404(membership: Membership, pk: int) -> Client:
    """A client the office's member may add documents to."""
    return get_object_or_404(document_clients(membership.user), pk=pk)
