"""The colour of a status, for quotes, access requests and members alike: one place.

`{{ status|badge_class }}` in templates (includes/status_badge.html), `status_badge()` where
rows are written in Python (quote_rows).
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape

register = template.Library()

_CLASSES = {
    "": "text-bg-light border",
    "draft": "text-bg-light border",
    "priced": "text-bg-info",
    "issued": "text-bg-success",
    "accepted": "text-bg-success",
    "submitted": "text-bg-warning",
    "insurer_accepted": "text-bg-success",
    "insurer_refused": "text-bg-danger",
    "active": "text-bg-success",
    "closed": "text-bg-success",
    "requested": "text-bg-warning",
    "invited": "text-bg-warning",
    "open": "text-bg-warning",
    "refused": "text-bg-danger",
}


@register.filter
def badge_class(status: str | None) -> str:
    return _CLASSES.get(status or "", "text-bg-secondary")


def status_badge(status: str | None, label: object) -> str:
    """The badge's HTML, as includes/status_badge.html writes it (the label escaped)."""
    return f'<span class="badge {badge_class(status)}">{conditional_escape(label)}</span>'
