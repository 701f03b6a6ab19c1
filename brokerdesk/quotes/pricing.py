"""From the wizard's stored answers to the rating engine and back."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

import rating
from brokerdesk.lib.money import message_value
from brokerdesk.tariffs import registry
from rating import AnswersError, format_message
from rating.models import Message
from rating.tariff import Tariff

CATEGORY_CODES = ("employees", "workers", "students", "apprentices")


def has_legal_data(answers: dict[str, Any]) -> bool:
    legal = answers.get("legal", {})
    return any(legal.get(f"{code}_headcount") for code in CATEGORY_CODES)


def contract(answers: dict[str, Any]) -> dict[str, Any]:
    """The rating engine's input (rating/README.md) built from the steps' answers."""
    activity = answers.get("activity", {})
    covers = answers.get("covers", {})
    claims = answers.get("claims", {})
    legal = answers.get("legal", {})
    extra = answers.get("extra", {})
    h24 = answers.get("h24", {})
    staff = {}
    for code in CATEGORY_CODES:
        count = legal.get(f"{code}_headcount") or 0
        if not count:
            continue
        group: dict[str, Any] = {
            "headcount": count,
            "total_wages": legal.get(f"{code}_wages") or "0",
            "workers_above_ceiling": legal.get(f"{code}_above") or 0,
        }
        if code == "students":
            group["function"] = legal.get("students_function") or "workers"
        staff[code] = group
    data: dict[str, Any] = {
        "activity_code": activity.get("activity_code", ""),
        "nace_version": "2025",
        "insurance_year": activity.get("insurance_year"),
        "staff": staff,
        "extra_legal_options": list(extra.get("options", [])) if covers.get("extra_legal") else [],
        "h24": (
            {"categories": list(h24.get("categories", [])), "mode": h24.get("mode")}
            if covers.get("h24") and h24.get("categories")
            else None
        ),
        "managers": [],
        "claims": {
            "history_known": bool(claims.get("history_known")),
            "years": claims.get("years") or 0,
            "no_lost_time": claims.get("no_lost_time") or 0,
            "temporary_incapacity": claims.get("temporary_incapacity") or 0,
            "permanent_incapacity": claims.get("permanent_incapacity") or 0,
            "fatal": claims.get("fatal") or 0,
            "aggravated_risk": bool(claims.get("aggravated_risk")),
            "cancelled_by_insurer": bool(claims.get("cancelled_by_insurer")),
            "previous_insurer": claims.get("previous_insurer", ""),
        },
        "payment_frequency": answers.get("payment", {}).get("payment_frequency", "annual"),
    }
    if covers.get("manager") and extra.get("manager_age"):
        data["managers"] = [
            {
                "age": extra["manager_age"],
                "death_capital": extra.get("manager_death_capital") or "0",
                "permanent_capital": extra.get("manager_permanent_capital") or "0",
                "daily_allowance": extra.get("manager_daily_allowance") or "0",
            }
        ]
    return data


@dataclass
class Priced:
    """The wizard's answers priced: the engine's typed breakdown, or the answer it refused."""

    quote: rating.Quote | None
    error: Message | None = None
    error_field: str = ""

    @cached_property
    def breakdown(self) -> dict[str, Any] | None:
        """What a quote stores; rating.quote_from_dict reads it back."""
        return self.quote.to_dict() if self.quote else None

    @property
    def total(self) -> Decimal | None:
        return self.quote.total_annual if self.quote else None

    @property
    def error_text(self) -> str:
        return format_message(self.error, gettext) if self.error else ""

    @property
    def referral_texts(self) -> list[str]:
        """Why the quote goes to the insurer, as the wizard warns while it is typed."""
        if self.quote is None:
            return []
        return [format_message(m, gettext, message_value) for m in self.quote.referrals]


CENT = Decimal("0.01")


def with_loading(breakdown: dict[str, Any], percent: Decimal) -> tuple[dict[str, Any], Decimal]:
    """The breakdown and total with the insurer's loading: `percent` of the annual premium the
    client pays, rounded to the cent, spread over the instalments like the rest (the last one
    takes the cents left over). The engine's own lines stay as it priced them."""
    before = Decimal(breakdown["total_annual"])
    loading = (before * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    total = before + loading
    instalments = int(breakdown.get("instalments") or 1)
    instalment = (total / instalments).quantize(CENT, rounding=ROUND_HALF_UP)
    loaded = {
        **breakdown,
        "loading_percent": str(percent),
        "loading_amount": str(loading),
        "total_annual": str(total),
        "instalment": str(instalment),
        "last_instalment": str(total - instalment * (instalments - 1)),
    }
    return loaded, total


def tariff_of(quote: Any) -> Tariff:
    """The version that priced the quote; one not priced yet takes the version in force on the
    day it was started, so that a tariff activated later never changes it unasked."""
    if quote.tariff_version:
        return registry.tariff_named(quote.product, quote.tariff_version)
    return registry.tariff_for(quote.product, timezone.localdate(quote.created_at))


def newer_tariff(quote: Any) -> Tariff | None:
    """The tariff in force today when it is not the one that priced this quote (a quote only
    ever takes the version in force when it was started, so today's is the newer); none for a
    quote not priced yet or whose offer is issued: an offer never changes."""
    if not quote.tariff_version or quote.status not in ("draft", "priced"):
        return None
    current = registry.tariff_for(quote.product, timezone.localdate())
    return None if current.version == quote.tariff_version else current


def compute(answers: dict[str, Any], tariff: Tariff | None = None) -> Priced:
    """Price the answers; an answer the tariff cannot price comes back as a message."""
    try:
        quote = rating.price(rating.answers_from_dict(contract(answers)), tariff)
    except AnswersError as error:
        return Priced(None, error.message, error.field)
    return Priced(quote)
