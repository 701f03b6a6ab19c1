"""The outbox: queue a rendered e-mail with the action, deliver it from the worker.

Delivery is at least once. A worker claims a message for OUTBOX_CLAIM_SECONDS, sends it
outside any transaction (no lock is held while SMTP is slow), then marks it sent. A worker
killed between the SMTP server's "250 OK" and that mark leaves a claim that expires; the
message is then sent again, with the same Message-ID, so the one duplicate such a crash can
cause is recognisable. Nothing is ever lost: `sweep` re-queues any message whose claim ran
out or whose delivery task disappeared.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.header import Header
from email.message import Message
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from brokerdesk.lib.branding import current_brand
from brokerdesk.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status


def queue(
    template: str,
    *,
    to: str,
    language: str,
    context: dict[str, Any],
    reply_to: str = "",
    attachments: list[dict[str, str]] | None = None,
) -> OutboxMessage:
    """Render templates/emails/<template>.* in the recipient's language and queue delivery.

    Call it inside the action's transaction: the message row and its delivery task commit
    or roll back together with the action. A request that came through an insurer site
    sends its e-mails with that insurer's name, and links to that site's address.
    `attachments` name files already in the default storage ({"name", "filename",
    "content_type"}): the worker reads them when it sends the message.
    """
    brand = current_brand.get()
    site_url = brand.url if brand else settings.SITE_URL
    context = {"site_url": site_url, "brand": brand, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    message = OutboxMessage.objects.create(
        template=template,
        to=to,
        reply_to=reply_to,
        language=language,
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
        attachments=attachments or [],
    )
    deliver.enqueue(str(message.pk))
    return message


def retry_delay(attempts: int) -> timedelta | None:
    """Backoff before the next attempt, or None once every attempt is spent."""
    delays = settings.OUTBOX_RETRY_DELAYS
    if attempts > len(delays):
        return None
    return timedelta(seconds=delays[attempts - 1])


@task()
def deliver(message_id: str) -> str:
    message = _claim(message_id)
    if message is None:
        return "skipped"
    try:
        _send(message)
    except (smtplib.SMTPException, OSError) as error:
        return _failed(message, error)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.SENT, attempts=F("attempts") + 1, sent_at=timezone.now(), claimed_until=None
    )
    _log(message, "sent")
    return "sent"


def _claim(message_id: str) -> OutboxMessage | None:
    """Take the message if it is due and nobody holds it; one conditional UPDATE, so two
    workers racing for it cannot both win."""
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS))
    )
    return OutboxMessage.objects.get(pk=message_id) if claimed else None


@transaction.atomic
def _failed(message: OutboxMessage, error: Exception) -> str:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    message.claimed_until = None
    delay = retry_delay(message.attempts)
    if delay is None:
        message.status = Status.FAILED
        outcome = "failed"
    else:
        message.next_attempt_at = timezone.now() + delay
        deliver.using(run_after=message.next_attempt_at).enqueue(str(message.pk))
        outcome = "retry"
    message.save(
        update_fields=["attempts", "last_error", "status", "next_attempt_at", "claimed_until"]
    )
    _log(message, outcome, error=message.last_error)
    return outcome


def _log(message: OutboxMessage, outcome: str, **extra: Any) -> None:
    # The recipient's address is personal data: the log names the message, not the person.
    level = logging.ERROR if outcome == "failed" else logging.INFO
    logger.log(
        level,
        "e-mail %s %s",
        message.pk,
        outcome,
        extra={
            "email_id": str(message.pk),
            "template": message.template,
            "outcome": outcome,
            "attempt": message.attempts + (outcome == "sent"),
            **extra,
        },
    )


class _Email(EmailMultiAlternatives):
    """Django folds a long non-ASCII subject onto a line of its own ("Subject:" then a newline,
    a space and the encoded words), which mail readers show as a subject starting with a space.
    A header that knows its name folds after it."""

    def message(self, *args: Any, **kwargs: Any) -> Message:
        message = super().message(*args, **kwargs)
        del message["Subject"]
        Message.__setitem__(
            message, "Subject", Header(self.subject, "utf-8", header_name="Subject")
        )
        return message


def _send(message: OutboxMessage) -> None:
    email = _Email(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        # The outbox id makes any duplicate from a crash between send and commit detectable.
        headers={"Message-ID": f"<{message.pk}@brokerdesk>"},
    )
    email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        with default_storage.open(attachment["name"], "rb") as stored:
            email.attach(attachment["filename"], stored.read(), attachment["content_type"])
    email.send()


def sweep() -> int:
    """Give abandoned e-mails back to the workers; return how many were re-queued.

    A message is abandoned when it has been due for longer than a claim lasts and nobody
    holds a live claim on it: its worker died, or its task was lost. It is due again now,
    so the next sweep leaves it alone for another claim period.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    with transaction.atomic():
        abandoned = list(
            OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lt=now - lease)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .values_list("pk", flat=True)[:1000]
        )
        OutboxMessage.objects.filter(pk__in=abandoned).update(next_attempt_at=now)
        for pk in abandoned:
            deliver.enqueue(str(pk))
        # Delivery tasks a dead worker left RUNNING: the message itself is re-queued above.
        DBTaskResult.objects.filter(
            status="RUNNING", task_path=deliver.module_path, started_at__lt=now - lease
        ).update(status="FAILED", finished_at=now, traceback="worker lost")
    if abandoned:
        logger.warning("re-queued %s abandoned e-mails", len(abandoned))
    return len(abandoned)
