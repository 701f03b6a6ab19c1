"""What a user may see of support: their own tickets, nobody else's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from brokerdesk.support.models import Ticket


def own_tickets(user: Any) -> QuerySet[Ticket]:
    """The tickets written while logged in as `user`, newest first. Tickets sent while logged
    out are not matched by address: anyone may type anyone's address in that form."""
    if not getattr(user, "is_authenticated", False):
        return Ticket.objects.none()
    return Ticket.objects.filter(user=user).order_by("-created_at")
