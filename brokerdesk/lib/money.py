"""Amounts, numbers and percentages as people read them in the active language (Babel, CLDR):
"54 743,48 €" in French, "€ 54.743,48" in Dutch, "€54,743.48" in English.

Every page, e-mail and the offer PDF format through these functions (templates through the
`money` filters), and the rating engine's messages through `message_value`.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent
from django.utils.translation import get_language

from rating.messages import AMOUNT_PARAMS
from rating.models import is_rate

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en"}


def locale() -> str:
    return LOCALES.get((get_language() or "fr")[:2], "fr_BE")


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def euros(amount: object) -> str:
    """An amount with its cents and the euro sign where the language puts it."""
    value = _decimal(amount)
    return "" if value is None else format_currency(value, "EUR", locale=locale())


def number(value: object, decimals: int | None = None) -> str:
    """A number with the language's separators; `decimals` fixes how many are shown."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if decimals is None:
        return format_decimal(number, locale=locale(), decimal_quantization=False)
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(number, format=pattern, locale=locale())


@functools.cache
def _percent_pattern(locale: str) -> str:
    # The language's own pattern ("#,##0 %" in French) with two to four decimals, as tariffs
    # write rates: 3,20 %, 1,875 %.
    pattern = Locale.parse(locale).percent_formats[None].pattern
    return re.sub(r"0(?=[^0-9#]*$)", "0.00##", pattern, count=1)


def percent(fraction: object) -> str:
    """A fraction as a percentage: Decimal("0.032") -> "3,20 %" (French), "3,20%" (Dutch)."""
    value = _decimal(fraction)
    if value is None:
        return ""
    return format_percent(value, format=_percent_pattern(locale()), locale=locale())


def message_value(name: str, value: object) -> str:
    """The value formatter of rating.format_message: rates as percentages, amounts in euros,
    other decimals with the language's separators; codes, years and counts as they are."""
    if is_rate(name):
        return percent(value)
    if name in AMOUNT_PARAMS:
        return euros(value) or str(value)
    if isinstance(value, Decimal):
        return number(value)
    return str(value)
