"""The visibility rule of quotes (DESIGN.md §2), for brokers and insurer staff alike."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from brokerdesk.access.catalogue import insurer_staff_for
from brokerdesk.access.offices import get_switchable_group_or_404, membership_for
from brokerdesk.accounts.models import User
from brokerdesk.offices.models import Group, Membership
from brokerdesk.quotes.models import Quote


def _quotes() -> QuerySet[Quote]:
    return Quote.objects.select_related("created_by", "product__insurer", "group")


def visible_quotes(user: User) -> QuerySet[Quote]:
    """Brokers see their groups' quotes, administrators their office's, insurer staff the
    quotes made on their insurer's products; nobody another office's."""
    membership = membership_for(user)
    if membership is not None:
        quotes = _quotes().filter(office=membership.office)
        if membership.is_admin:
            return quotes
        return quotes.filter(group__in=membership.groups.filter(office=membership.office))
    staff = insurer_staff_for(user)
    if staff is not None:
        return _quotes().filter(product__insurer=staff.insurer)
    return Quote.objects.none()


def group_quotes(membership: Membership | None, group: Group | None) -> QuerySet[Quote]:
    """The "Demandes" list of a sub-account the user may act in (none without one).

    Such a group is one of the user's own (or any of the office's, for an administrator), so
    its quotes are exactly the visible ones in it; filtering on the group alone lets the
    database read the list straight from its (group, date) index.
    """
    if membership is None or group is None:
        return Quote.objects.none()
    if getattr(group, "_switchable_by", None) != membership.pk:  # not from request_groups()
        group = get_switchable_group_or_404(membership, group.pk)
    return _quotes().filter(group=group)


def get_quote_or_404(user: User, quote_id: int) -> Quote:
    return get_object_or_404(visible_quotes(user), pk=quote_id)


def get_broker_quote_or_404(membership: Membership, quote_id: int) -> Quote:
    """A quote the office's user may work on (insurer staff only read)."""
    return get_object_or_404(visible_quotes(membership.user), pk=quote_id)


def quotes_by_reference(user: User, reference: str) -> QuerySet[Quote]:
    """The visible quotes with this reference: a reference is unique within an office, so a
    broker finds one at most; insurer staff may find one per office."""
    return visible_quotes(user).filter(reference__iexact=reference.strip())
