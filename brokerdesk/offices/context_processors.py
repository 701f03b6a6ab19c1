from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from brokerdesk.offices import access


def office(request: HttpRequest) -> dict[str, Any]:
    """The office, the current sub-account and the switcher's groups for the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = access.membership_for(user)
    if membership is None:
        return {}
    return {
        "membership": membership,
        "current_group": access.current_group(membership),
        "switch_groups": access.switchable_groups(membership),
    }
