"""Rating engine of the Tool TPE (workers' compensation), independent of Django.

Typical use::

    from rating import answers_from_dict, explain, price, quote_from_dict
    quote = price(answers_from_dict(data))      # tariff chosen by quote date or name
    quote.total_annual, quote.referrals, quote.indicative, explain(quote)
    stored = quote.to_dict()                    # JSON for the database
    quote_from_dict(stored) == quote            # and back, typed
"""

from __future__ import annotations

from rating.answers import answers_from_dict
from rating.breakdown import quote_from_dict
from rating.engine import price
from rating.explain import explain
from rating.messages import MESSAGES, format_message
from rating.models import (
    Answers,
    AnswersError,
    ClaimsHistory,
    H24Choice,
    ManagerCover,
    Message,
    Quote,
    Staff,
    StaffGroup,
)
from rating.money import round_cents
from rating.tariff import (
    Problem,
    Tariff,
    TariffError,
    TariffNotFound,
    available_tariffs,
    get_tariff,
    parse_tariff,
    validate_tariff,
)

__all__ = [
    "MESSAGES",
    "Answers",
    "AnswersError",
    "ClaimsHistory",
    "H24Choice",
    "ManagerCover",
    "Message",
    "Problem",
    "Quote",
    "Staff",
    "StaffGroup",
    "Tariff",
    "TariffError",
    "TariffNotFound",
    "answers_from_dict",
    "available_tariffs",
    "explain",
    "format_message",
    "get_tariff",
    "parse_tariff",
    "price",
    "quote_from_dict",
    "round_cents",
    "validate_tariff",
]
