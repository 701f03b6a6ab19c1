"""The outbox: queue a rendered e-mail with the action, deliver it from the worker."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from brokerdesk.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)


def queue(template: str, *, to: str, language: str, context: dict[str, Any]) -> OutboxMessage:
    """Render templates/emails/<template>.* in the recipient's language and queue delivery.

    Call it inside the action's transaction: the message row and its delivery task commit
    or roll back together with the action.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    message = OutboxMessage.objects.create(
        template=template,
        to=to,
        language=language,
        subject=" ".join(subject.split()),
        body_text=body_text,
        body_html=body_html,
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
    with transaction.atomic():
        # The row lock makes two workers holding the same message send it once.
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return "skipped"
        try:
            _send(message)
        except (smtplib.SMTPException, OSError) as error:
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            delay = retry_delay(message.attempts)
            if delay is None:
                message.status = OutboxMessage.Status.FAILED
                logger.error("E-mail %s to %s failed for good: %s", message.pk, message.to, error)
            else:
                message.next_attempt_at = timezone.now() + delay
                deliver.using(run_after=message.next_attempt_at).enqueue(str(message.pk))
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return "retry" if delay else "failed"
        message.attempts += 1
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
        return "sent"


def _send(message: OutboxMessage) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        # The outbox id makes any duplicate from a crash between send and commit detectable.
        headers={"Message-ID": f"<{message.pk}@brokerdesk>"},
    )
    email.attach_alternative(message.body_html, "text/html")
    email.send()
