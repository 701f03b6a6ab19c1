"""Size limits of uploaded files (settings LOGO_MAX_BYTES, DOCUMENT_MAX_BYTES), as the forms
check them and say them."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _


def size_label(size: int) -> str:
    """A limit as people read it: "1 Mo", "512 Ko" in French, "1 MB" in Dutch and English."""
    mega = 1024 * 1024
    if size >= mega and size % mega == 0:
        return _("%(count)s Mo") % {"count": size // mega}
    return _("%(count)s Ko") % {"count": -(-size // 1024)}


def logo_limit() -> int:
    return settings.LOGO_MAX_BYTES


def document_limit() -> int:
    return settings.DOCUMENT_MAX_BYTES
