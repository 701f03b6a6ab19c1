"""Escalation of a question to a person: a ticket and two e-mails, exactly once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from brokerdesk.notifications.delivery import queue
from brokerdesk.support.models import Ticket


def escalate(
    *,
    key: Any,
    email: str,
    language: str,
    message: str,
    conversation: str,
    context: dict[str, str],
    user: Any = None,
) -> Ticket:
    """Create the ticket and e-mail support and the user; a second submission changes nothing."""
    existing = Ticket.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            ticket = Ticket.objects.create(
                key=key,
                user=user if getattr(user, "is_authenticated", False) else None,
                email=email,
                language=language,
                message=message,
                conversation=conversation,
                **context,
            )
            queue(
                "support_ticket",
                to=settings.SUPPORT_EMAIL,
                language="fr",
                context={"ticket": ticket},
                # Support answers with "Reply": the answer goes to the user, not to us.
                reply_to=email,
            )
            queue("support_confirmation", to=email, language=language, context={"ticket": ticket})
    except IntegrityError:
        # The same form sent twice at the same moment: the other request made the ticket.
        return Ticket.objects.get(key=key)
    return ticket
