from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail written in the same transaction as the action that caused it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    template = models.CharField(max_length=100)
    to = models.EmailField()
    # Where the recipient's answer goes, when not to us: a support ticket's answer reaches
    # the user who wrote it.
    reply_to = models.EmailField(blank=True)
    language = models.CharField(max_length=2)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField()
    # Files attached from Django's default storage, read when the worker sends the message:
    # [{"name": storage name, "filename": as the recipient sees it, "content_type": ...}].
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # Set by the worker sending it; past this time the worker is presumed dead.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail sortant")
        verbose_name_plural = _("e-mails sortants")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.template} → {self.to} ({self.status})"


class WebhookEndpoint(models.Model):
    """An office's HTTPS address that receives the events it chose, signed with its secret."""

    class Event(models.TextChoices):
        QUOTE_PRICED = "quote.priced", _("Demande tarifée")
        OFFER_ISSUED = "offer.issued", _("Offre émise")
        ACCESS_DECIDED = "access.decided", _("Accès décidé par l'assureur")

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(_("Adresse (HTTPS)"), max_length=500)
    events = models.JSONField(_("Événements"), default=list)
    secret = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint, delivered by the worker with the outbox's retries."""

    Status = OutboxMessage.Status

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("envoi de webhook")
        verbose_name_plural = _("envois de webhooks")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"


class Notification(models.Model):
    """A line of a user's in-app inbox (the bell). Kept as a kind and its parameters and
    written in the reader's language when shown (brokerdesk/notifications/kinds.py)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    # Where opening it leads: a path of the portal, never another site.
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_inbox"),
            # The bell's count reads this one only.
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"


class Reminder(models.Model):
    """A reminder that was sent: one row per kind and subject, so that it is sent once even
    when two workers look for due reminders at the same moment (the second insert fails)."""

    kind = models.CharField(max_length=40)
    # What it is about, e.g. "quote:12:2026-12-31" (a quote's offer valid until that day).
    subject = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [models.UniqueConstraint(fields=["kind", "subject"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject}"


class PeriodicRun(models.Model):
    """When a periodic task (settings.PERIODIC_TASKS) was last started: the worker that moves
    this time forward starts it, so that several workers start it once a period."""

    task_path = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tâche périodique")
        verbose_name_plural = _("tâches périodiques")

    def __str__(self) -> str:
        return self.task_path
