from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from brokerdesk.offices import access


def office(request: HttpRequest) -> dict[str, Any]:
    """What the top bar shows: office, current sub-account and switcher groups, or insurer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = access.membership_for(user)
    if membership is None:
        return {"insurer_staff": access.insurer_staff_for(user)}
    return {
        "membership": membership,
        "current_group": access.request_group(request),
        "switch_groups": access.switchable_groups(membership),
    }
