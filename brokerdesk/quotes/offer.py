"""The priced breakdown as shown on the result page and printed in the offer PDF."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from brokerdesk.lib.money import euros
from brokerdesk.quotes import pricing
from brokerdesk.quotes.forms import CATEGORIES, OPTIONS
from brokerdesk.quotes.models import Quote

OFFER_VALIDITY = timedelta(days=30)


@dataclass
class Line:
    label: str
    amount: Decimal | None = None
    detail: str = ""
    strong: bool = False


@dataclass
class Breakdown:
    categories: list[dict[str, Any]] = field(default_factory=list)
    legal: list[Line] = field(default_factory=list)
    extra_legal: list[Line] = field(default_factory=list)
    charges: list[Line] = field(default_factory=list)
    total_annual: Decimal = Decimal(0)
    instalments: int = 1
    instalment: Decimal = Decimal(0)
    commission: Decimal = Decimal(0)
    referrals: list[str] = field(default_factory=list)
    explanations: list[str] = field(default_factory=list)
    tariff_version: str = ""


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _pct(rate: Any) -> str:
    return f"{number_format(_d(rate) * 100, 2, use_l10n=True)}\u00a0%"


def _factor(value: Any) -> str:
    return number_format(_d(value), 2, use_l10n=True)


def breakdown_view(data: dict[str, Any] | None) -> Breakdown | None:
    """Turn a stored breakdown (rating's to_dict) into labelled lines, in the active language."""
    if not data:
        return None
    names = dict(CATEGORIES)
    legal = data["legal"]
    view = Breakdown(tariff_version=data["tariff_version"])
    for line in legal["categories"]:
        if line["headcount"]:
            view.categories.append(
                {
                    "label": names[line["category"]],
                    "headcount": line["headcount"],
                    "capped_payroll": _d(line["capped_payroll"]),
                    "rate": _pct(line["rate"]) if _d(line["rate"]) else euros(line["per_head"]),
                    "premium": _d(line["legal_premium"]),
                }
            )
    view.legal = [
        Line(_("Prime avant facteurs"), _d(legal["premium_before_factors"])),
        Line(_("Facteur de taille"), detail=_factor(legal["size_factor"])),
        *(
            [
                Line(
                    _("Prime après le plancher de taille"),
                    _d(legal["premium_after_size"]),
                    detail=_("une masse salariale plus petite ne coûterait pas moins"),
                )
            ]
            if legal["size_floor_applied"]
            else []
        ),
        Line(_("Coefficient historique sinistre"), detail=_factor(legal["claims_modifier"])),
        Line(
            _("Prime nette garantie légale"),
            _d(legal["net_premium"]),
            strong=True,
            detail=_("prime minimum appliquée") if legal["minimum_applied"] else "",
        ),
    ]
    options = dict(OPTIONS)
    for line in data["options"]:
        view.extra_legal.append(
            Line(
                str(options.get(line["option"], line["option"])),
                _d(line["premium"]),
                detail=_("minimum appliqué") if line["minimum_applied"] else "",
            )
        )
    if data.get("h24"):
        view.extra_legal.append(Line(_("24h-24h"), _d(data["h24"]["premium"])))
    if data.get("managers"):
        view.extra_legal.append(
            Line(_("Couverture du dirigeant indépendant"), _d(data["manager_premium"]))
        )
    charges = [
        (_("Cotisation INAMI"), legal["inami_contribution"], _pct(legal["inami_rate"])),
        (_("Cotisation Fedris étudiants"), legal["fedris_student_contribution"], ""),
        (_("Taxes"), data["taxes"], _pct(data["tax_rate"])),
        (_("Frais de police"), data["policy_fee"], ""),
        (_("Majoration de fractionnement"), data["surcharge"], _pct(data["surcharge_rate"])),
    ]
    view.charges = [
        Line(label, _d(amount), detail) for label, amount, detail in charges if _d(amount)
    ]
    view.total_annual = _d(data["total_annual"])
    view.instalments = data["instalments"]
    view.instalment = _d(data["instalment"])
    view.commission = _d(data["commission_legal"]) + _d(data["commission_extra_legal"])
    view.referrals = [pricing.render(m, _) for m in data["referrals"]]
    view.explanations = [pricing.render(m, _) for m in data["explanations"]]
    return view


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
