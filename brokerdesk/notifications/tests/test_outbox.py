from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from brokerdesk.notifications.delivery import queue
from brokerdesk.notifications.models import OutboxMessage


class Sink:
    """A real SMTP server on loopback that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_worker(*extra: str) -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", *extra, verbosity=0)


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    settings.OUTBOX_RETRY_DELAYS = [0, 0, 0]
    return settings


def queue_one() -> OutboxMessage:
    with transaction.atomic():
        return queue(
            "password_reset",
            to="alice@example.be",
            language="fr",
            context={"user": {"first_name": "Alice"}, "link": "/x/"},
        )


@pytest.mark.django_db(transaction=True)
def test_a_message_queued_while_smtp_is_down_is_delivered_once_it_is_back(smtp):
    message = queue_one()

    run_worker("--max-tasks", "1")  # SMTP refuses the connection
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp.EMAIL_PORT)
    controller.start()
    try:
        run_worker()
        run_worker()  # nothing left to do: no second copy
    finally:
        controller.stop()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert len(sink.messages) == 1
    assert sink.messages[0].rcpt_tos == ["alice@example.be"]
    assert f"Message-ID: <{message.pk}@brokerdesk>" in sink.messages[0].content.decode()


@pytest.mark.django_db(transaction=True)
def test_it_gives_up_after_the_last_retry(smtp):
    message = queue_one()
    run_worker()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == len(smtp.OUTBOX_RETRY_DELAYS) + 1


@pytest.mark.django_db
def test_the_retry_waits_longer_each_time(settings):
    from brokerdesk.notifications.delivery import retry_delay

    settings.OUTBOX_RETRY_DELAYS = [30, 120, 600]
    delays = [retry_delay(n) for n in (1, 2, 3, 4)]
    assert [d.total_seconds() for d in delays[:3]] == [30, 120, 600]
    assert delays[3] is None


@pytest.mark.django_db(transaction=True)
def test_the_message_and_its_task_roll_back_with_the_action():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(
            "password_reset",
            to="alice@example.be",
            language="fr",
            context={"user": {"first_name": "Alice"}, "link": "/x/"},
        )
        raise RuntimeError("the action failed after queueing its e-mail")
    assert not OutboxMessage.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
def test_messages_have_html_and_text_bodies_in_the_recipients_language(deliver_mail):
    with transaction.atomic():
        queue(
            "password_reset",
            to="jan@example.be",
            language="nl",
            context={"user": {"first_name": "Jan"}, "link": "/x/"},
        )
    [message] = deliver_mail()
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Jan" in text and "Jan" in html
    assert "Bonjour" not in text
    assert "http://127.0.0.1:8000/x/" in html
