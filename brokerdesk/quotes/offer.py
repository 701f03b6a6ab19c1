"""The priced breakdown as shown on the result page and printed in the offer PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

import rating
from brokerdesk.lib.money import euros, message_value, number, percent
from rating.explain import assumptions
from rating.messages import MESSAGES
from rating.models import CategoryLine, Message
from rating.nace import nace_label

OFFER_VALIDITY = timedelta(days=30)


@dataclass
class Line:
    label: str
    amount: Decimal | None = None
    detail: str = ""
    strong: bool = False


@dataclass
class CategoryRow:
    label: str
    line: CategoryLine
    rate: str  # the legal rate, or the price per head of apprentices


@dataclass
class Breakdown:
    """The engine's typed breakdown (``quote``) with its lines labelled in the active language."""

    quote: rating.Quote
    categories: list[CategoryRow]
    legal: list[Line]
    extra_legal: list[Line]
    charges: list[Line]
    referrals: list[str]
    explanations: list[str]
    indicative: str  # the mention, when the price rests on assumed legal figures
    assumptions: list[str]


def _text(message: Message) -> str:
    return rating.format_message(message, _, message_value)


def _label(key: str) -> str:
    return _(MESSAGES[key])


def breakdown_view(data: dict[str, Any] | None) -> Breakdown | None:
    """A stored breakdown (rating's Quote.to_dict) read back and labelled for display."""
    if not data:
        return None
    quote = rating.quote_from_dict(data)
    legal = quote.legal
    size_floor = Line(
        _label("line.size_floor"),
        legal.premium_after_size,
        detail=_label("line.size_floor_detail"),
    )
    extra_legal = [
        Line(
            _label(f"option.{line.option}"),
            line.premium,
            detail=_label("line.minimum_applied") if line.minimum_applied else "",
        )
        for line in quote.options
    ]
    if quote.h24 is not None:
        extra_legal.append(Line(_label("section.h24"), quote.h24.premium))
    if quote.managers:
        extra_legal.append(Line(_label("section.manager"), quote.manager_premium))
    charges = [
        Line(_label("line.inami"), legal.inami_contribution, percent(legal.inami_rate)),
        Line(_label("line.fedris_students"), legal.fedris_student_contribution),
        Line(_label("line.taxes"), quote.taxes, percent(quote.tax_rate)),
        Line(_label("line.policy_fee"), quote.policy_fee),
        Line(_label("line.surcharge"), quote.surcharge, percent(quote.surcharge_rate)),
    ]
    if data.get("loading_amount"):  # the insurer's answer to a referred quote
        loading = Decimal(data["loading_amount"])
        rate = percent(Decimal(data["loading_percent"]) / 100)
        charges.append(Line(_("Surprime de la compagnie"), loading, rate))
    return Breakdown(
        quote=quote,
        categories=[
            CategoryRow(
                _label(f"category.{line.category}"),
                line,
                percent(line.rate) if line.rate else euros(line.per_head),
            )
            for line in legal.categories
            if line.headcount
        ],
        legal=[
            Line(_label("line.legal_before_factors"), legal.premium_before_factors),
            Line(_label("line.size_factor"), detail=number(legal.size_factor, 2)),
            *([size_floor] if legal.size_floor_applied else []),
            Line(_label("line.claims_modifier"), detail=number(legal.claims_modifier, 2)),
            Line(
                _label("line.legal_net"),
                legal.net_premium,
                strong=True,
                detail=_label("line.minimum_applied") if legal.minimum_applied else "",
            ),
        ],
        extra_legal=extra_legal,
        charges=[line for line in charges if line.amount],
        referrals=[_text(message) for message in quote.referrals],
        explanations=[_text(message) for message in rating.explain(quote)],
        indicative=_label("line.indicative") if quote.indicative else "",
        assumptions=[_text(message) for message in assumptions(quote)],
    )


def client_address(activity: dict[str, Any]) -> str:
    """ "Rue de la Loi 16, 1000 Bruxelles", or what of it was typed."""
    street = f"{activity.get('street', '')} {activity.get('number', '')}".strip()
    town = f"{activity.get('postal_code', '')} {activity.get('city', '')}".strip()
    return ", ".join(part for part in (street, town) if part)


def activity_label(activity: dict[str, Any], language: str) -> str:
    code = activity.get("activity_code", "")
    label = nace_label(code, "2025", language) if code else None
    return f"{code} {label}" if label else activity.get("activity", "")
