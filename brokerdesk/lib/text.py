"""Text folding shared by search and references, and the initials of avatars."""

from __future__ import annotations

import re

from text_unidecode import unidecode


def fold(text: str) -> str:
    """Lower case in plain ASCII letters: "Liège Façades" -> "liege facades", "Sœurs" -> "soeurs",
    "Ærø" -> "aero", "Straße" -> "strasse". Unicode decomposition alone leaves œ, æ, ø and ß."""
    return unidecode(text).lower()


def reference_word(name: str) -> str:
    """A client name as it appears in a reference: capitals, no accents, A-Z0-9 and dashes."""
    word = re.sub(r"[^A-Z0-9]+", "-", fold(name).upper()).strip("-")
    return word[:30].strip("-") or "CLIENT"


def initials(name: str) -> str:
    """Up to two capitals for an avatar: the first letters of the first two words
    ("Sint-Niklaas" -> "SN", "Pieter Peeters" -> "PP")."""
    words = [word for word in re.split(r"[\s-]+", name) if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or name[:2].upper()
