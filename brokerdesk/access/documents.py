"""Who sees which documents: a quote's, whoever sees the quote (brokers and insurer staff,
access/quotes.py); a client's, whoever sees the client."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from brokerdesk.access.clients import visible_clients
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.accounts.models import User
from brokerdesk.clients.models import Client
from brokerdesk.documents.models import Document
from brokerdesk.offices.models import Membership


def visible_documents(user: User) -> QuerySet[Document]:
    quotes = visible_quotes(user).values("pk")
    clients = visible_clients(user).values("pk")
    return Document.objects.select_related("uploaded_by").filter(
        Q(quote__in=quotes) | Q(client__in=clients)
    )


def get_document_or_404(user: User, pk: int) -> Document:
    return get_object_or_404(visible_documents(user), pk=pk)


def get_document_client_or_404(membership: Membership, pk: int) -> Client:
    """A client the office's member may add documents to."""
    return get_object_or_404(visible_clients(membership.user), pk=pk)
