"""Escalation of a question to a person: a ticket and its e-mails, exactly once.

A signed-in user's ticket goes to support at once, with the confirmation at the account's own
address. An anonymous visitor's address is only typed: it first receives a link, and nothing
written by the visitor, so the form cannot make the portal send anyone a text of the
visitor's choosing; support and the visitor's copy follow once the link is used.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from brokerdesk.notifications.delivery import queue
from brokerdesk.support.models import Ticket

CONFIRM_SALT = "brokerdesk.support-confirm"
CONFIRM_MAX_AGE = 2 * 24 * 3600


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
    """Create the ticket and send its e-mails; a second submission changes nothing."""
    existing = Ticket.objects.filter(key=key).first()
    if existing is not None:
        return existing
    signed_in = getattr(user, "is_authenticated", False)
    try:
        with transaction.atomic():
            ticket = Ticket.objects.create(
                key=key,
                user=user if signed_in else None,
                email=user.email if signed_in else email,
                language=language,
                message=message,
                conversation=conversation,
                status=Ticket.Status.OPEN if signed_in else Ticket.Status.PENDING,
                **context,
            )
            if signed_in:
                _forward(ticket)
            else:
                link = reverse("help_escalation_confirm", kwargs={"token": confirm_token(ticket)})
                # Only our own words and the link: nothing the visitor typed.
                queue(
                    "support_confirm_address",
                    to=ticket.email,
                    language=language,
                    context={"link": link, "number": ticket.pk},
                )
    except IntegrityError:
        # The same form sent twice at the same moment: the other request made the ticket.
        return Ticket.objects.get(key=key)
    return ticket


def confirm_token(ticket: Ticket) -> str:
    return signing.dumps({"ticket": ticket.pk, "email": ticket.email}, salt=CONFIRM_SALT)


def pending_ticket_for(token: str) -> Ticket | None:
    """The ticket a confirmation link is for, while it still waits for it."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Ticket.objects.filter(
        pk=data.get("ticket"), email=data.get("email"), status=Ticket.Status.PENDING
    ).first()


def confirm_address(*, ticket: Ticket) -> bool:
    """The visitor used the link: the address is theirs, the ticket goes to support. False
    when it had been confirmed already (a second click sends nothing again)."""
    with transaction.atomic():
        updated = Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.PENDING).update(
            status=Ticket.Status.OPEN
        )
        if not updated:
            return False
        ticket.refresh_from_db()
        _forward(ticket)
    return True


def _forward(ticket: Ticket) -> None:
    queue("support_ticket", to=settings.SUPPORT_EMAIL, language="fr", context={"ticket": ticket})
    queue(
        "support_confirmation",
        to=ticket.email,
        language=ticket.language,
        context={"ticket": ticket},
    )
