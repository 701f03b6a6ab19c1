"""The priced breakdown as shown on the result page and printed in the offer PDF."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

import rating
from brokerdesk.lib.money import euros
from brokerdesk.quotes.models import Quote
from rating.explain import assumptions
from rating.messages import MESSAGES
from rating.models import CategoryLine, Message, is_rate

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


def _pct(rate: Decimal) -> str:
    return f"{number_format(rate * 100, 2, use_l10n=True)}\u00a0%"


def _value(name: str, value: object) -> str:
    """A message value in the active language's number format; rates as percentages."""
    if isinstance(value, Decimal):
        if is_rate(name):
            return _pct(value)
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def _text(message: Message) -> str:
    return rating.format_message(message, _, _value)


def _label(key: str) -> str:
    return _(MESSAGES[key])


def breakdown_view(data: dict[str, Any] | None) -> Breakdown | None:
    """A stored breakdown (rating's Quote.to_dict) read back and labelled for display."""
    if not data:
        return None
    quote = rating.quote_from_dict(data)
    legal = quote.legal
    size_floor = Line(
        _("Prime après le plancher de taille"),
        legal.premium_after_size,
        detail=_("une masse salariale plus petite ne coûterait pas moins"),
    )
    extra_legal = [
        Line(
            _label(f"option.{line.option}"),
            line.premium,
            detail=_("minimum appliqué") if line.minimum_applied else "",
        )
        for line in quote.options
    ]
    if quote.h24 is not None:
        extra_legal.append(Line(_("24h-24h"), quote.h24.premium))
    if quote.managers:
        extra_legal.append(Line(_("Couverture du dirigeant indépendant"), quote.manager_premium))
    charges = [
        Line(_("Cotisation INAMI"), legal.inami_contribution, _pct(legal.inami_rate)),
        Line(_("Cotisation Fedris étudiants"), legal.fedris_student_contribution),
        Line(_("Taxes"), quote.taxes, _pct(quote.tax_rate)),
        Line(_("Frais de police"), quote.policy_fee),
        Line(_("Majoration de fractionnement"), quote.surcharge, _pct(quote.surcharge_rate)),
    ]
    return Breakdown(
        quote=quote,
        categories=[
            CategoryRow(
                _label(f"category.{line.category}"),
                line,
                _pct(line.rate) if line.rate else euros(line.per_head),
            )
            for line in legal.categories
            if line.headcount
        ],
        legal=[
            Line(_("Prime avant facteurs"), legal.premium_before_factors),
            Line(_("Facteur de taille"), detail=number_format(legal.size_factor, 2)),
            *([size_floor] if legal.size_floor_applied else []),
            Line(
                _("Coefficient historique sinistre"),
                detail=number_format(legal.claims_modifier, 2),
            ),
            Line(
                _("Prime nette garantie légale"),
                legal.net_premium,
                strong=True,
                detail=_("prime minimum appliquée") if legal.minimum_applied else "",
            ),
        ],
        extra_legal=extra_legal,
        charges=[line for line in charges if line.amount],
        referrals=[_text(message) for message in quote.referrals],
        explanations=[_text(message) for message in rating.explain(quote)],
        indicative=_label("line.indicative") if quote.indicative else "",
        assumptions=[_text(message) for message in assumptions(quote)],
    )


def render_pdf(quote: Quote) -> bytes:
    """The offer in the language chosen when it was issued, from its frozen snapshot."""
    from weasyprint import HTML  # imported here: loading pango costs a second at start-up

    snapshot = quote.offer or {}
    with translation.override(quote.offer_language or "fr"):
        ctx = {
            "quote": quote,
            "snapshot": snapshot,
            "activity": snapshot.get("answers", {}).get("activity", {}),
            "covers": snapshot.get("answers", {}).get("covers", {}),
            "breakdown": breakdown_view(snapshot.get("breakdown")),
            "office": quote.office,
            "group": quote.group,
            "logo": _logo_data_uri(quote),
            "valid_until": quote.issued_at + OFFER_VALIDITY if quote.issued_at else None,
        }
        html = render_to_string("quotes/offer_pdf.html", ctx)
    return HTML(string=html).write_pdf()


def _logo_data_uri(quote: Quote) -> str:
    # Embedded, so WeasyPrint never fetches anything: logos are private to the office.
    if not quote.group.logo:
        return ""
    with quote.group.logo.open("rb") as logo:
        return "data:image/png;base64," + base64.b64encode(logo.read()).decode()
