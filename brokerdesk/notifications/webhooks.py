"""Webhooks: events queued with the action that causes them, delivered by the worker.

Like the e-mail outbox: the delivery row and its task commit with the action; the worker
claims it, posts it outside any transaction, retries with OUTBOX_RETRY_DELAYS, and a receiver
that was down gets every event once it is back (at least once: the `Brokerdesk-Delivery` id
lets the receiver drop a repeat). Each body is signed: `Brokerdesk-Signature: t=<unix time>,
v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>`; a receiver refuses a
timestamp older than a few minutes, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from brokerdesk.notifications.delivery import retry_delay
from brokerdesk.notifications.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)
Status = WebhookDelivery.Status
TIMEOUT_SECONDS = 10


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def emit(office_id: int, event: str, data: dict[str, Any]) -> int:
    """Queue the event for every endpoint of the office that asked for it (inside the
    action's transaction); how many deliveries were queued."""
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(office_id=office_id) if event in e.events
    ]
    payload = json.loads(json.dumps({"event": event, "data": data}, cls=DjangoJSONEncoder))
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
        deliver.enqueue(str(delivery.pk))
    return len(endpoints)


def resend(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send the same event again (the receiver may have lost it), with a new id."""
    with transaction.atomic():
        copy = WebhookDelivery.objects.create(
            endpoint=delivery.endpoint, event=delivery.event, payload=delivery.payload
        )
        deliver.enqueue(str(copy.pk))
    return copy


@task()
def deliver(delivery_id: str) -> str:
    delivery = _claim(delivery_id)
    if delivery is None:
        return "skipped"
    body = json.dumps({"id": str(delivery.pk), **delivery.payload}).encode()
    request = urllib.request.Request(  # noqa: S310 (the address was checked when registered)
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "brokerdesk-webhooks",
            "Brokerdesk-Event": delivery.event,
            "Brokerdesk-Delivery": str(delivery.pk),
            "Brokerdesk-Signature": sign(delivery.endpoint.secret, int(time.time()), body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            code = response.status
    except urllib.error.HTTPError as error:
        return _failed(delivery, error.code, f"HTTP {error.code}")
    except (urllib.error.URLError, OSError) as error:
        return _failed(delivery, None, f"{type(error).__name__}: {error}")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        claimed_until=None,
        last_status_code=code,
    )
    return "sent"


def _claim(delivery_id: str) -> WebhookDelivery | None:
    now = timezone.now()
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS))
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


@transaction.atomic
def _failed(delivery: WebhookDelivery, code: int | None, error: str) -> str:
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error[:2000]
    delivery.claimed_until = None
    delay = retry_delay(delivery.attempts)
    if delay is None:
        delivery.status = Status.FAILED
        outcome = "failed"
    else:
        delivery.next_attempt_at = timezone.now() + delay
        deliver.using(run_after=delivery.next_attempt_at).enqueue(str(delivery.pk))
        outcome = "retry"
    delivery.save()
    logger.info("webhook %s %s", delivery.pk, outcome, extra={"webhook_id": str(delivery.pk)})
    return outcome
