from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from brokerdesk.access.catalogue import insurer_staff_for
from brokerdesk.access.offices import membership_for, request_group, request_groups


def office(request: HttpRequest) -> dict[str, Any]:
    """What the top bar shows: office, current sub-account and switcher groups, or insurer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = membership_for(user)
    if membership is None:
        return {"insurer_staff": insurer_staff_for(user)}
    return {
        "membership": membership,
        "current_group": request_group(request),
        "switch_groups": request_groups(request),
    }
