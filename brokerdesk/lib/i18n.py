"""Fields stored once per language (name_fr, name_nl, name_en), read in the active one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language


def translated(obj: models.Model, field: str) -> str:
    language = (get_language() or "fr")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fr")
