from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from brokerdesk.notifications.inbox import Bell


def inbox(request: HttpRequest) -> dict[str, Any]:
    """The bell of the top bar; its count is read only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}
