"""Each user's signed-in browsers: recorded as they are used, listed in the profile, ended by
the user or an administrator, and logged out after the idle timeout or absolute lifetime
(README, "Sessions")."""

from __future__ import annotations

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.lib.http import client_ip
from brokerdesk.lib.useragent import describe
from brokerdesk.security.models import UserSession

STARTED = "session_started_at"
SEEN = "session_seen_at"
ROW = "session_row_key"  # the key this session's UserSession row is under
# The list's "last seen" and the idle clock move at most once a minute: no write per request.
SEEN_PRECISION = 60


def expired(request: HttpRequest, now: float | None = None) -> bool:
    """Past the absolute lifetime since login, or idle longer than the idle timeout."""
    now = time.time() if now is None else now
    session = request.session
    started = session.get(STARTED)
    seen = session.get(SEEN, started)
    if started is None:
        return False
    return (
        now - started > settings.SESSION_ABSOLUTE_SECONDS
        or now - seen > settings.SESSION_IDLE_SECONDS
    )


def started(request: HttpRequest) -> None:
    """At login: the absolute lifetime counts from now."""
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now


def on_login(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        started(request)
        _record(request, user)


def seen(request: HttpRequest) -> None:
    """Record the use of this session (at most once a minute, or when its key changed)."""
    session = request.session
    now = time.time()
    if STARTED not in session:
        session[STARTED] = now  # a session from before this code: counts from now
    recent = now - session.get(SEEN, 0) < SEEN_PRECISION
    if recent and session.session_key and session.get(ROW) == session.session_key:
        return
    session[SEEN] = now
    _record(request, request.user)


def _record(request: HttpRequest, user: User) -> None:
    session = request.session
    if session.session_key is None:
        session.save()
    # A new key for the same browser (login, password change, second factor) moves its row.
    previous = session.get(ROW)
    if previous and previous != session.session_key:
        UserSession.objects.filter(session_key=previous, user=user).update(
            session_key=session.session_key
        )
    session[ROW] = session.session_key
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip": client_ip(request)[:45],
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "last_seen": timezone.now(),
        },
    )


def end_expired(request: HttpRequest) -> None:
    key = request.session.session_key
    logout(request)
    UserSession.objects.filter(session_key=key).delete()


def active_sessions(user: User) -> list[UserSession]:
    """The user's sessions still alive (used within the idle timeout, Django's session still
    there), most recent first, each with `browser` and `system` read from its User-Agent."""
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    store = _store()
    alive = [
        s
        for s in UserSession.objects.filter(user=user, last_seen__gte=cutoff)
        if store().exists(s.session_key)
    ]
    for s in alive:
        s.browser, s.system = describe(s.user_agent)
    return alive


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def end_sessions(*, user: User, by: User, keep: str | None = None, key: str | None = None) -> int:
    """End the user's sessions (only `key`, or all but `keep`): those browsers are logged out
    at their next request. Returns how many were ended."""
    sessions = UserSession.objects.filter(user=user)
    if key is not None:
        sessions = sessions.filter(session_key=key)
    if keep is not None:
        sessions = sessions.exclude(session_key=keep)
    keys = list(sessions.values_list("session_key", flat=True))
    store = _store()
    with transaction.atomic():
        for session_key in keys:
            store(session_key).delete()
        sessions.delete()
        if keys:
            record("user.sessions_ended", actor=by, target=user, count=len(keys))
    return len(keys)
