"""Belgian identifiers and addresses: enterprise numbers, postal codes, phone numbers."""

from __future__ import annotations

import phonenumbers
from bce_codes_to_label import postal_codes
from stdnum.be import vat
from stdnum.exceptions import ValidationError as StdnumError


def normalise_enterprise_number(value: str) -> str | None:
    """Return the 10-digit form (0123456789), or None when the mod-97 check fails."""
    if len(value) > 40:  # however spaced or dotted; python-stdnum converts thousands of digits
        return None
    try:
        return vat.validate(value)
    except StdnumError:
        return None


def format_enterprise_number(stored: str) -> str:
    return f"BE{stored}" if stored else ""


def municipality(postal_code: str, language: str) -> str | None:
    """The municipality of a Belgian postal code in French or Dutch, None if unknown."""
    labels = postal_codes.codes.get(postal_code.strip())
    if labels is None:
        return None
    lang = language if language in ("fr", "nl") else "fr"
    return labels.get(f"label_{lang}") or labels.get("label_fr")


def proposed_city(postal_code: str, typed: str, language: str) -> str:
    """Ville as the forms propose it: what the user typed, else the postal code's municipality."""
    return typed.strip() or municipality(postal_code, language) or ""


def parse_phone(value: str) -> str | None:
    """E.164 form of a phone number (Belgium by default), None when it cannot be one.

    A Belgian number only needs the right length for its prefix ("possible"): the numbering
    plan's ranges change faster than any library, and the manual's own example, 0412 34 56 78,
    is in a range not allocated yet. A foreign number must be valid in its country's plan.
    """
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code == 32:
        accepted = phonenumbers.is_possible_number(number)
    else:
        accepted = phonenumbers.is_valid_number(number)
    if not accepted:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "BE")
    if number.country_code == 32:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
