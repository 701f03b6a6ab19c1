"""Reminders of offers: 7 days before an offer expires, and when it has expired, its
intermediary (the quote's author) gets an e-mail and a notification, once per offer.

The worker starts `send_offer_reminders` every hour (settings.PERIODIC_TASKS). An offer is
valid OFFER_VALIDITY after it was issued (issued_at: the current offer's time) while the
quote is still "Offre émise". Each reminder is recorded (notifications.Reminder, unique per
kind and offer) in the transaction that queues its e-mail: two workers scanning at once, or
a scan repeated, send nothing twice. Offers that expired more than EXPIRED_LOOKBACK ago are
left alone (the first run after the feature went live does not remind years of old offers).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from brokerdesk.notifications import kinds
from brokerdesk.notifications.delivery import queue
from brokerdesk.notifications.inbox import notify
from brokerdesk.notifications.models import Reminder
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.offer import OFFER_VALIDITY

REMIND_BEFORE = timedelta(days=7)
EXPIRED_LOOKBACK = timedelta(days=7)
EXPIRING, EXPIRED = kinds.OFFER_EXPIRING, kinds.OFFER_EXPIRED


@task()
def send_offer_reminders() -> int:
    return remind_offers()


def remind_offers(now: datetime | None = None) -> int:
    """Send the reminders that are due; how many were sent."""
    now = now or timezone.now()
    due = {
        EXPIRING: _issued(now - OFFER_VALIDITY, now - OFFER_VALIDITY + REMIND_BEFORE),
        EXPIRED: _issued(now - OFFER_VALIDITY - EXPIRED_LOOKBACK, now - OFFER_VALIDITY),
    }
    sent = 0
    for kind, quotes in due.items():
        candidates = {subject(quote): quote.pk for quote in quotes.only("pk", "issued_at")}
        done = set(
            Reminder.objects.filter(kind=kind, subject__in=list(candidates)).values_list(
                "subject", flat=True
            )
        )
        for key, pk in candidates.items():
            if key not in done:
                sent += _remind(pk, kind, now)
    return sent


def _issued(after: datetime, until: datetime) -> QuerySet[Quote]:
    """Offers issued in (after, until], still waiting for the client."""
    return Quote.objects.filter(
        status=Quote.Status.ISSUED, issued_at__gt=after, issued_at__lte=until
    ).order_by("pk")


def subject(quote: Quote) -> str:
    """One offer: the quote and the day its validity ends (a new offer is reminded again)."""
    return f"quote:{quote.pk}:{timezone.localdate(quote.issued_at + OFFER_VALIDITY).isoformat()}"


@transaction.atomic
def _remind(pk: int, kind: str, now: datetime) -> int:
    # Checked again under lock: the client may have accepted it, or a new offer been issued.
    quote = Quote.objects.select_for_update().select_related("created_by").get(pk=pk)
    if quote.status != Quote.Status.ISSUED or quote.issued_at is None:
        return 0
    valid_until = quote.issued_at + OFFER_VALIDITY
    if (kind == EXPIRED) != (valid_until <= now):
        return 0
    user = quote.created_by
    if not user.is_active:
        return 0  # a departed collaborator: the office sees the quote in its list
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, subject=subject(quote))
    except IntegrityError:
        return 0  # another worker sent it
    link = reverse("quote", kwargs={"pk": quote.pk})
    queue(
        kind,
        to=user.email,
        language=user.language,
        context={"user": user, "quote": quote, "valid_until": valid_until, "link": link},
    )
    notify(
        [user],
        kind,
        url=link,
        reference=quote.reference,
        client=quote.client_name,
        date=timezone.localdate(valid_until).isoformat(),
    )
    return 1
