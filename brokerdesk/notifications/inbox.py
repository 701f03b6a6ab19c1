"""In-app notifications: the bell of the top bar and the /notifications/ page."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from django.db.models import QuerySet
from django.utils import timezone

from brokerdesk.notifications.kinds import TEXTS
from brokerdesk.notifications.models import Notification

# The bell says "99+" beyond this: counting further would cost more and tell nobody anything.
MAX_COUNTED = 100


def notify(users: Iterable[Any], kind: str, *, url: str, **params: Any) -> list[Notification]:
    """Tell these users (inside the action's transaction, like the outbox). `url` is a path of
    the portal (reverse()); the parameters are kept as JSON and put into the kind's text in
    each reader's language when shown."""
    if kind not in TEXTS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not is_local_path(url):
        raise ValueError("a notification leads to a path of the portal only")
    now = timezone.now()
    people = {user.pk: user for user in users if user is not None}
    return Notification.objects.bulk_create(
        Notification(user_id=pk, kind=kind, params=params, url=url, created_at=now) for pk in people
    )


def is_local_path(url: str) -> bool:
    """A path on this site ("/requests/12/"): no scheme, no host, no "//" or backslash that a
    browser would read as another host, no control character."""
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def inbox(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user: Any) -> int:
    """One small query on the unread index, at most MAX_COUNTED rows."""
    return inbox(user).filter(read_at__isnull=True)[:MAX_COUNTED].count()


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(user: Any) -> int:
    return inbox(user).filter(read_at__isnull=True).update(read_at=timezone.now())


class Bell:
    """What the top bar shows; counted only if the page shows the bell."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def unread(self) -> int:
        return unread_count(self.user)

    @property
    def label(self) -> str:
        return f"{MAX_COUNTED - 1}+" if self.unread >= MAX_COUNTED else str(self.unread)
