"""The kinds of in-app notifications and their texts.

A notification keeps its kind and parameters, not a sentence: it is written when shown, in
the language of whoever reads it. A parameter may be a text per language ({"fr": ..., "nl":
..., "en": ...}, a product's name) or a date (named "date" or "..._date", "2026-12-31"), shown
as the reader writes dates.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

ACCESS_ACCEPTED = "access_accepted"
ACCESS_REFUSED = "access_refused"
ACCESS_REVOKED = "access_revoked"
OFFER_ACCEPTED = "offer_accepted"
INSURER_ACCEPTED = "insurer_accepted"
INSURER_REFUSED = "insurer_refused"
INSURER_ANSWERED = "insurer_answered"
NEW_MESSAGE = "new_message"
OFFER_EXPIRING = "offer_expiring"
OFFER_EXPIRED = "offer_expired"

TEXTS = {
    ACCESS_ACCEPTED: gettext_lazy(
        "L'accès au produit %(product)s est accordé au sous-compte %(group)s."
    ),
    ACCESS_REFUSED: gettext_lazy(
        "L'accès au produit %(product)s est refusé au sous-compte %(group)s."
    ),
    ACCESS_REVOKED: gettext_lazy(
        "L'accès au produit %(product)s est retiré au sous-compte %(group)s."
    ),
    # Issue 16: the client, the insurer and the referral dialogue (wired by their services).
    OFFER_ACCEPTED: gettext_lazy("%(client)s a accepté l'offre %(reference)s."),
    INSURER_ACCEPTED: gettext_lazy(
        "La compagnie a accepté la demande %(reference)s (police n° %(policy_number)s)."
    ),
    INSURER_REFUSED: gettext_lazy("La compagnie a refusé la demande %(reference)s."),
    INSURER_ANSWERED: gettext_lazy("La compagnie a répondu à la demande d'avis sur %(reference)s."),
    NEW_MESSAGE: gettext_lazy("Nouveau message de %(author)s sur la demande %(reference)s."),
    OFFER_EXPIRING: gettext_lazy("L'offre %(reference)s (%(client)s) expire le %(date)s."),
    OFFER_EXPIRED: gettext_lazy("L'offre %(reference)s (%(client)s) a expiré le %(date)s."),
}


def text(kind: str, params: dict[str, Any]) -> str:
    """The notification as a sentence in the active language."""
    template = TEXTS.get(kind)
    if template is None:
        return _("Notification")
    values = {name: _shown(name, value) for name, value in params.items()}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return _("Notification")


def _shown(name: str, value: Any) -> str:
    if isinstance(value, dict):
        language = (get_language() or "fr")[:2]
        return str(value.get(language) or value.get("fr") or next(iter(value.values()), ""))
    if isinstance(value, str) and (name == "date" or name.endswith("_date")):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return str(value)
