from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class EmlFileBackend(BaseEmailBackend):
    """Development delivery: one .eml file per message under EMAIL_FILE_PATH (var/mail/)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
            recipient = message.to[0] if message.to else "unknown"
            path = folder / f"{stamp}-{recipient}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(email_messages)
