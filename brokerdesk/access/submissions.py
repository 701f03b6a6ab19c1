"""Who sees what of submissions and conversations: the visibility rule of quotes, always."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from brokerdesk.access.catalogue import require_insurer_staff
from brokerdesk.access.quotes import visible_quotes
from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import InsurerStaff
from brokerdesk.quotes.models import Quote
from brokerdesk.submissions.models import Attachment, Message, Thread

Status = Quote.Status
PROPOSITION_STATES = (Status.SUBMITTED, Status.INSURER_ACCEPTED, Status.INSURER_REFUSED)


def _insurer_quotes(staff: InsurerStaff) -> QuerySet[Quote]:
    return visible_quotes(staff.user).filter(product__insurer=staff.insurer)


def insurer_propositions(staff: InsurerStaff) -> QuerySet[Quote]:
    """The business submitted to the staff member's insurer ("Propositions")."""
    return _insurer_quotes(staff).filter(status__in=PROPOSITION_STATES)


def insurer_threads(staff: InsurerStaff) -> QuerySet[Thread]:
    """The conversations on the insurer's quotes ("Demandes d'avis")."""
    return Thread.objects.filter(quote__in=_insurer_quotes(staff)).select_related(
        "quote__created_by", "quote__product", "quote__office"
    )


def get_insurer_quote_or_404(user: User, quote_id: int) -> Quote:
    """A quote on the insurer's products, for its staff only (404 for anyone else)."""
    staff = require_insurer_staff(user)
    return get_object_or_404(_insurer_quotes(staff), pk=quote_id)


def thread_messages(quote: Quote) -> QuerySet[Message]:
    """The messages of a quote the caller already found through the visibility rule."""
    return (
        Message.objects.filter(thread__quote=quote)
        .select_related("author")
        .prefetch_related("attachments")
    )


def get_attachment_or_404(user: User, attachment_id: int) -> Attachment:
    return get_object_or_404(
        Attachment.objects.filter(message__thread__quote__in=visible_quotes(user)),
        pk=attachment_id,
    )
