"""Rating engine of the Tool TPE (workers' compensation), independent of Django.

Typical use::

    from rating import answers_from_dict, price
    quote = price(answers_from_dict(data))      # tariff chosen by quote date or name
    quote.total_annual, quote.referrals, quote.to_dict()
"""

from __future__ import annotations

from rating.answers import answers_from_dict
from rating.engine import price
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
from rating.tariff import Tariff, TariffError, TariffNotFound, available_tariffs, get_tariff

__all__ = [
    "MESSAGES",
    "Answers",
    "AnswersError",
    "ClaimsHistory",
    "H24Choice",
    "ManagerCover",
    "Message",
    "Quote",
    "Staff",
    "StaffGroup",
    "Tariff",
    "TariffError",
    "TariffNotFound",
    "answers_from_dict",
    "available_tariffs",
    "format_message",
    "get_tariff",
    "price",
    "round_cents",
]
