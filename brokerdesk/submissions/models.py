"""A quote's way to the insurer: its submission, and the messages exchanged about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """ "Soumettre à la compagnie" and the insurer's decision; the quote's status says where
    it stands, this row says who did what and why."""

    quote = models.OneToOneField(
        "quotes.Quote", on_delete=models.CASCADE, related_name="submission"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("Soumis le"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("Motif du refus"), blank=True)

    def __str__(self) -> str:
        return f"{self.quote_id}"


class Thread(models.Model):
    """The conversation between the broker and the insurer's staff on one quote: the referral
    dialogue and the insurer's questions on a submission alike."""

    quote = models.OneToOneField("quotes.Quote", on_delete=models.CASCADE, related_name="thread")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(db_index=True)
    # The insurer's answer to the referral (the answer itself is on the quote).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.quote_id}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_insurer = models.BooleanField(default=False)
    body = models.TextField(_("Message"))
    created_at = models.DateTimeField(auto_now_add=True)
    # The one-time token of the form that posted it: a double click posts it once.
    form_token = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "form_token"],
                condition=~models.Q(form_token=""),
                name="message_form_token_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.pk}"


class Attachment(models.Model):
    """A file joined to a message; its type was read from its content when it was received."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    # Stored under a random name: the name given by the sender is only shown.
    file = models.FileField(upload_to="attachments/%Y/%m/", max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
