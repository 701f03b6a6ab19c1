"""Reading quotes: the filters and orders of the "Demandes" list, over already scoped quotes."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Group
from brokerdesk.quotes.models import Quote

FILTERS = ("status", "by", "product", "period")
ORDERINGS = {
    "created": "-created_at",
    "updated": "-updated_at",
    "reference": "reference",
    "client": "client_name",
}
PERIODS = ("7", "30", "365")


def list_page(quotes: QuerySet[Quote], *, order: str, filters: dict[str, str]) -> QuerySet[Quote]:
    """The list's rows: filtered, ordered, with the id as tie-breaker so pages never overlap."""
    if filters.get("status") in Quote.Status.values:
        quotes = quotes.filter(status=filters["status"])
    # A user id; longer digit strings cannot be one, nor fit the database's integers.
    if filters.get("by", "").isdigit() and len(filters["by"]) <= 18:
        quotes = quotes.filter(created_by_id=int(filters["by"]))
    if filters.get("product"):
        quotes = quotes.filter(product__code=filters["product"])
    if filters.get("period") in PERIODS:
        since = timezone.now() - timedelta(days=int(filters["period"]))
        quotes = quotes.filter(created_at__gte=since)
    # The list shows neither the answers nor the breakdown: leave the big columns in the table.
    quotes = quotes.defer("answers", "breakdown", "offer", "search_text")
    return quotes.order_by(ORDERINGS.get(order, "-created_at"), "-pk")


def intermediaries(group: Group | None) -> QuerySet[User]:
    """Who may have made a group's quotes (its members and the office's administrators), for
    the "Intermédiaire" filter; cheaper than scanning the quotes themselves."""
    if group is None:
        return User.objects.none()
    return (
        User.objects.filter(
            Q(membership__groups=group)
            | Q(membership__office=group.office_id, membership__is_admin=True)
        )
        .distinct()
        .order_by("first_name", "last_name")
    )
