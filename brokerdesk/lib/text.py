"""Text as users send it: what a typed text may hold (input hygiene, the one set of rules for
forms, drafts, searches and the chat), folding for search and references, avatar initials."""

from __future__ import annotations

import re

from text_unidecode import unidecode

# Input hygiene. Control characters (C0, DEL and C1: NUL among them) are never text anyone
# types: PostgreSQL refuses NUL outright, and the others hide things in names and e-mails.
# Tab, line feed and carriage return are typed in multi-line fields only (a <textarea> sends
# CR LF; an <input> never sends them). Lone surrogates are no characters at all: they cannot be
# encoded, stored or sent. Format characters (RTL marks, zero-width joiners) are kept: names
# written right to left and some scripts need them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\t\n\r]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A text field that says no limit of its own still gets this one.
MAX_TEXT_LENGTH = 10_000
# RFC 5321: the longest address a mail server takes, and what the user table stores.
MAX_EMAIL_LENGTH = 254


def text_problem(value: str, *, multiline: bool = False, max_length: int | None = None) -> str:
    """What makes a typed text unacceptable, as a code ("too_long", "surrogate", "control",
    "line_break"), or "" when there is nothing wrong with it."""
    if len(value) > (max_length or MAX_TEXT_LENGTH):
        return "too_long"
    if _SURROGATE.search(value):
        return "surrogate"
    if _CONTROL.search(value):
        return "control"
    if not multiline and _LINE_BREAK.search(value):
        return "line_break"
    return ""


def clean_text(value: str, *, multiline: bool = False, max_length: int | None = None) -> str:
    """A typed text made acceptable, where refusing it would lose more than cleaning it
    (drafts, searches, chat questions): control characters become spaces (so that words stay
    apart), line breaks too on one line, lone surrogates the replacement character, and the
    text is cut at the length."""
    text = _SURROGATE.sub("\ufffd", value[: max_length or MAX_TEXT_LENGTH])
    text = _CONTROL.sub(" ", text)
    return text if multiline else _LINE_BREAK.sub(" ", text)


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
