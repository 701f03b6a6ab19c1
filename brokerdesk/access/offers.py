"""The visibility rule of issued offers: exactly that of their quotes."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from brokerdesk.access.quotes import visible_quotes
from brokerdesk.accounts.models import User
from brokerdesk.offers.models import OfferVersion
from brokerdesk.quotes.models import Quote


def visible_versions(user: User) -> QuerySet[OfferVersion]:
    return OfferVersion.objects.filter(quote__in=visible_quotes(user)).select_related("quote")


def quote_versions(quote: Quote) -> list[OfferVersion]:
    """The offers of a quote the caller already got through the visibility rule."""
    return list(quote.offers.select_related("issued_by").order_by("-number"))


def get_version_or_404(user: User, quote_id: int, number: int) -> OfferVersion:
    return get_object_or_404(visible_versions(user), quote_id=quote_id, number=number)
