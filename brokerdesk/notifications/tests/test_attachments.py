from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from brokerdesk.notifications.delivery import queue
from brokerdesk.notifications.models import OutboxMessage


@pytest.mark.django_db(transaction=True)
def test_an_attachment_is_read_from_storage_when_the_worker_sends(deliver_mail, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save("offers/offer.pdf", ContentFile(b"%PDF-1.7 first"))
    with transaction.atomic():
        message = queue(
            "password_reset",
            to="alice@example.be",
            language="fr",
            context={"user": {"first_name": "Alice"}, "link": "/x/"},
            attachments=[
                {"name": name, "filename": "Offre v1.pdf", "content_type": "application/pdf"}
            ],
        )
    (mail,) = deliver_mail()
    (part,) = list(mail.iter_attachments())
    assert part.get_filename() == "Offre v1.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_content() == b"%PDF-1.7 first"
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_missing_attachment_is_retried_not_lost(deliver_mail, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OUTBOX_RETRY_DELAYS = [3600]
    with transaction.atomic():
        message = queue(
            "password_reset",
            to="alice@example.be",
            language="fr",
            context={"user": {"first_name": "Alice"}, "link": "/x/"},
            attachments=[
                {"name": "gone.pdf", "filename": "x.pdf", "content_type": "application/pdf"}
            ],
        )
    assert deliver_mail() == []
    message.refresh_from_db()
    assert (
        message.status == OutboxMessage.Status.PENDING and "FileNotFoundError" in message.last_error
    )
