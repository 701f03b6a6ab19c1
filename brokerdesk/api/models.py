from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models


class IdempotentRequest(models.Model):
    """A POST made with an Idempotency-Key: its first answer, replayed to every repeat.

    The row is written (unfinished) before the work starts, so a concurrent repeat finds it
    through the unique constraint and waits instead of creating a second quote.
    """

    KEPT_FOR = timedelta(hours=24)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # What the key was first used for: the same key on another request is a client's error.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.key}"

    @property
    def is_finished(self) -> bool:
        return self.status_code is not None
