from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def insurer_site(request: HttpRequest) -> dict[str, Any]:
    """The insurer site the request came through (None on the generic portal)."""
    return {"insurer_site": getattr(request, "insurer_site", None)}


def site_insurer_id(request: HttpRequest) -> int | None:
    """The insurer whose site the request came through, whose products come first."""
    site = getattr(request, "insurer_site", None)
    return site.insurer_id if site else None
