"""Reading quotes: the filters and orders of the "Demandes" list, over already scoped quotes."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.lib.http import id_param
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
ROW_FIELDS = (
    "reference",
    "client_name",
    "status",
    "policy_number",
    "referred",
    "indicative",
    "created_at",
    "updated_at",
    "created_by__first_name",
    "created_by__last_name",
    "created_by__erased_at",
    *(f"product__name_{code}" for code, _ in settings.LANGUAGES),
)


def list_page(quotes: QuerySet[Quote], *, order: str, filters: dict[str, str]) -> QuerySet[Quote]:
    """The list's rows: filtered, ordered, with the id as tie-breaker so pages never overlap."""
    if filters.get("status") in Quote.Status.values:
        quotes = quotes.filter(status=filters["status"])
    if by := id_param(filters.get("by")):
        quotes = quotes.filter(created_by_id=by)
    if filters.get("product"):
        quotes = quotes.filter(product__code=filters["product"])
    if filters.get("period") in PERIODS:
        since = timezone.now() - timedelta(days=int(filters["period"]))
        quotes = quotes.filter(created_at__gte=since)
    # Only what the table shows (includes/quotes_table.html): neither the big columns (answers,
    # breakdown, search text) nor the author's, product's and group's other fields, which cost
    # more to build into objects than to read (issue 15).
    quotes = quotes.select_related(None).select_related("created_by", "product").only(*ROW_FIELDS)
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
        .only("first_name", "last_name", "erased_at")  # what the filter's options show
        .order_by("first_name", "last_name")
    )
