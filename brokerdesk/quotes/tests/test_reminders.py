"""Offer reminders (issue 16, item 7): 7 days before an offer expires and once it has
expired, its intermediary gets an e-mail (through the outbox and the worker) and a
notification, once per offer whoever runs the scan and however often."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brokerdesk.notifications import kinds
from brokerdesk.notifications.models import Notification, OutboxMessage, PeriodicRun, Reminder
from brokerdesk.notifications.schedule import start_due
from brokerdesk.quotes import reminders
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.offer import OFFER_VALIDITY
from conftest import mail_text

PRICED_ANSWERS = {
    "activity": {"client_name": "Dupuis", "activity_code": "47.110", "insurance_year": 2026},
    "covers": {},
    "claims": {"history_known": False},
    "legal": {"workers_headcount": 2, "workers_wages": "80000"},
}


def issued(group, product, by, *, days_ago: float, status: str = Quote.Status.ISSUED) -> Quote:
    quote = quote_services.create_quote(
        group=group, product=product, created_by=by, answers=PRICED_ANSWERS
    )
    quote.steps_done = ["activity", "covers", "claims", "legal"]
    quote.save()
    quote = quote_services.issue_offer(quote=quote, language="fr", by=by)
    Quote.objects.filter(pk=quote.pk).update(
        issued_at=timezone.now() - timedelta(days=days_ago), status=status
    )
    return Quote.objects.get(pk=quote.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days_ago", "kind"),
    [(1, None), (22.9, None), (23.1, kinds.OFFER_EXPIRING), (29.9, kinds.OFFER_EXPIRING),
     (30.1, kinds.OFFER_EXPIRED), (36.9, kinds.OFFER_EXPIRED), (37.1, None)],
)  # fmt: skip
def test_the_windows(bob, accepted, product, days_ago, kind):
    """7 days before the end of its 30 days; expired within the last 7 days (older offers,
    from before the reminders existed, are left alone)."""
    quote = issued(accepted, product, bob, days_ago=days_ago)
    assert reminders.remind_offers() == (1 if kind else 0)
    assert list(Reminder.objects.values_list("kind", flat=True)) == ([kind] if kind else [])
    if kind:
        (notification,) = Notification.objects.filter(user=bob)
        assert notification.kind == kind and notification.url == f"/requests/{quote.pk}/"
        valid_until = timezone.localdate(quote.issued_at + OFFER_VALIDITY)
        assert notification.params == {
            "reference": quote.reference, "client": "Dupuis", "date": valid_until.isoformat()
        }  # fmt: skip
        (message,) = OutboxMessage.objects.all()
        assert message.to == bob.email and message.template == kind


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Quote.Status.ACCEPTED, Quote.Status.SUBMITTED, Quote.Status.ARCHIVED,
               Quote.Status.PRICED],
)  # fmt: skip
def test_only_offers_still_waiting_for_the_client_are_reminded(bob, accepted, product, status):
    issued(accepted, product, bob, days_ago=25, status=status)
    issued(accepted, product, bob, days_ago=31, status=status)
    assert reminders.remind_offers() == 0
    assert not OutboxMessage.objects.exists() and not Notification.objects.exists()


@pytest.mark.django_db
def test_each_reminder_is_sent_once(bob, accepted, product):
    quote = issued(accepted, product, bob, days_ago=25)
    assert reminders.remind_offers() == 1
    assert reminders.remind_offers() == 0
    # A week later it has expired: that is the other reminder, once too.
    later = timezone.now() + timedelta(days=6)
    assert reminders.remind_offers(later) == 1
    assert reminders.remind_offers(later) == 0
    assert OutboxMessage.objects.count() == 2 and Notification.objects.count() == 2
    # A scan that read the offer before another worker reminded it sends nothing either.
    assert reminders._remind(quote.pk, kinds.OFFER_EXPIRED, later) == 0
    assert OutboxMessage.objects.count() == 2


@pytest.mark.django_db
def test_a_new_offer_is_reminded_again(bob, accepted, product):
    quote = issued(accepted, product, bob, days_ago=25)
    assert reminders.remind_offers() == 1
    Quote.objects.filter(pk=quote.pk).update(issued_at=timezone.now() - timedelta(days=3))
    assert reminders.remind_offers() == 0
    assert reminders.remind_offers(timezone.now() + timedelta(days=21)) == 1
    assert Reminder.objects.filter(kind=kinds.OFFER_EXPIRING).count() == 2


@pytest.mark.django_db
def test_a_departed_intermediary_gets_nothing(bob, accepted, product):
    issued(accepted, product, bob, days_ago=25)
    bob.is_active = False
    bob.save()
    assert reminders.remind_offers() == 0
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_scanning_at_once_send_each_reminder_once(bob, accepted, product):
    # Real threads with their own connections on PostgreSQL; SQLite serialises writers anyway.
    workers = 4 if connection.vendor == "postgresql" else 1
    for days in (24, 25, 26, 31, 32):
        issued(accepted, product, bob, days_ago=days)

    def scan(_: int) -> int:
        try:
            return reminders.remind_offers()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        sent = sum(pool.map(scan, range(8)))
    assert sent == 5
    assert Reminder.objects.count() == 5 and OutboxMessage.objects.count() == 5
    assert Notification.objects.count() == 5


def test_the_worker_sends_the_reminder_in_the_intermediarys_language(
    bob, accepted, product, deliver_mail
):
    bob.language = "nl"
    bob.save()
    quote = issued(accepted, product, bob, days_ago=31)
    reminders.send_offer_reminders.enqueue()
    (message,) = deliver_mail()
    assert message["To"] == bob.email
    assert message["Subject"] == f"De offerte {quote.reference} is verlopen"
    body = mail_text(message)
    assert f"/requests/{quote.pk}/" in body and "Dupuis" in body
    assert Notification.objects.get(user=bob).kind == kinds.OFFER_EXPIRED
    assert len(deliver_mail()) == 1  # nothing more to send


@pytest.mark.django_db
def test_the_schedule_starts_the_reminders_once_a_period(settings):
    settings.PERIODIC_TASKS = {"brokerdesk.quotes.reminders.send_offer_reminders": 3600}
    path = reminders.send_offer_reminders.module_path
    now = timezone.now()
    assert start_due(now) == [path]
    # Another worker, or the same one a minute later: not due yet.
    assert start_due(now) == [] and start_due(now + timedelta(minutes=59)) == []
    assert start_due(now + timedelta(minutes=61)) == [path]
    assert DBTaskResult.objects.filter(task_path=path).count() == 2
    assert PeriodicRun.objects.get(task_path=path).last_enqueued_at == now + timedelta(minutes=61)
