"""The offer a client can sign, and the acceptance page sealed onto it (WeasyPrint, pypdf)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from brokerdesk.lib.belgium import format_enterprise_number
from brokerdesk.lib.money import euros
from brokerdesk.quotes import offer as quote_offer
from brokerdesk.quotes import pricing
from brokerdesk.quotes.models import Quote
from rating.messages import COVER_LABELS, MESSAGES

# The manager's medical-costs top-up is capped by the policy conditions (domain.md §2.7), as
# is the medical-costs option per claim (§2.5): conditions, not pricing inputs.
MANAGER_MEDICAL_CAP = Decimal("2500")
MEDICAL_COSTS_CAP = Decimal("5000")


@dataclass
class Cover:
    label: str
    insured: str
    limit: str
    waiting: str


def first_of_next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, 28) if start.day > 28 else start.day)


def due_dates(start: date, instalments: int) -> list[date]:
    """The instalments of the first insurance year, evenly spread from the start date."""
    step = 12 // max(instalments, 1)
    return [add_months(start, step * index) for index in range(max(instalments, 1))]


def _max_insured(quote: Quote, ceiling: Decimal) -> Decimal | None:
    rule = pricing.tariff_of(quote).options.get("excess_wages")
    return ceiling * rule.max_insured_multiple if rule and rule.max_insured_multiple else None


def covers(quote: Quote, breakdown: Any, answers: dict[str, Any]) -> list[Cover]:
    """Each cover chosen, with its insured amounts, its limits and its waiting period."""
    engine = breakdown.quote
    ceiling = engine.ceiling
    none = _("Aucun")
    rows = [
        Cover(
            _(COVER_LABELS["legal"]),
            _("Rémunérations de base, plafonnées à %(ceiling)s par an et par travailleur")
            % {"ceiling": euros(ceiling)},
            _(
                "Indemnités fixées par la loi du 10 avril 1971 (incapacité, décès, frais "
                "médicaux au tarif INAMI)"
            ),
            _("Aucun : dès le jour de l'accident"),
        )
    ]
    for line in engine.options:
        label = _(MESSAGES[f"option.{line.option}"])
        insured, limit = _("Selon la garantie légale"), "—"
        if line.option == "excess_wages":
            top = _max_insured(quote, ceiling)
            insured = _("Part des rémunérations au-delà du plafond légal")
            limit = _("Jusqu'à %(top)s par travailleur") % {"top": euros(top)} if top else limit
        elif line.option == "temporary_incapacity_100":
            # xgettext:no-python-format
            insured = _("Incapacité temporaire portée à 100 % de la rémunération")
        elif line.option == "medical_costs":
            insured = _("Frais médicaux au-delà du tarif INAMI")
            limit = _("%(cap)s par sinistre") % {"cap": euros(MEDICAL_COSTS_CAP)}
        rows.append(Cover(label, insured, limit, none))
    if engine.h24 is not None:
        rows.append(
            Cover(
                _(COVER_LABELS["h24"]),
                _("Accidents de la vie privée, indemnisés comme des accidents du travail"),
                _("Dans le plafond légal de %(ceiling)s") % {"ceiling": euros(ceiling)},
                none,
            )
        )
    extra = answers.get("extra", {})
    for line in engine.managers:
        name = extra.get("manager_name") or _("Le dirigeant")
        sums = []
        if line.death:
            sums.append(
                _("décès : %(amount)s") % {"amount": euros(_decimal(extra, "death_capital"))}
            )
        if line.permanent:
            sums.append(
                _("incapacité permanente : %(amount)s")
                % {"amount": euros(_decimal(extra, "permanent_capital"))}
            )
        if line.daily_allowance:
            sums.append(
                _("indemnité journalière : %(amount)s")
                % {"amount": euros(_decimal(extra, "daily_allowance"))}
            )
        waiting = (
            _("30 jours pour l'indemnité journalière")
            if line.daily_allowance and not extra.get("manager_no_waiting_period")
            else none
        )
        limit = _("Frais médicaux complémentaires : %(cap)s") % {"cap": euros(MANAGER_MEDICAL_CAP)}
        rows.append(
            Cover(f"{_(COVER_LABELS['manager'])} — {name}", " ; ".join(sums), limit, waiting)
        )
    return rows


def _decimal(extra: dict[str, Any], name: str) -> Decimal:
    return Decimal(str(extra.get(f"manager_{name}") or 0))


def render_offer(quote: Quote, *, number: int, issued_at: datetime) -> bytes:
    """The offer of the quote's frozen snapshot, in its language, as version `number`."""
    from weasyprint import HTML  # imported here: loading pango costs a second at start-up

    snapshot = quote.offer or {}
    language = quote.offer_language or "fr"
    answers = snapshot.get("answers", {})
    activity = answers.get("activity", {})
    with translation.override(language):
        breakdown = quote_offer.breakdown_view(snapshot.get("breakdown"))
        start = quote.start_date or first_of_next_month(issued_at.date())
        client = quote.client
        ctx = {
            "quote": quote,
            "number": number,
            "issued_at": issued_at,
            "valid_until": issued_at + quote_offer.OFFER_VALIDITY,
            "snapshot": snapshot,
            "activity": activity,
            "activity_label": quote_offer.activity_label(activity, language),
            "client_name": client.name if client else activity.get("client_name", ""),
            "enterprise_number": format_enterprise_number(
                (client.enterprise_number if client else "")
                or activity.get("enterprise_number", "")
            ),
            "address": quote_offer.client_address(activity),
            "cover_labels": {code: _(label) for code, label in COVER_LABELS.items()},
            "breakdown": breakdown,
            "covers": covers(quote, breakdown, answers) if breakdown else [],
            "start": start,
            "end": add_months(start, 12),
            "due_dates": due_dates(start, breakdown.quote.instalments) if breakdown else [],
            "office": quote.office,
            "group": quote.group,
            "insurer": quote.product.insurer,
            "product": quote.product,
            "logo": _logo_data_uri(quote),
        }
        html = render_to_string("offers/offer_pdf.html", ctx)
    return HTML(string=html).write_pdf()


def seal(original: bytes, *, version: Any) -> bytes:
    """The offer with the client's acceptance appended as its last page."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    with translation.override(version.language):
        ctx = {
            "version": version,
            "quote": version.quote,
            "accepted_at": formats.date_format(version.accepted_at, "DATETIME_FORMAT"),
        }
        page = HTML(string=render_to_string("offers/acceptance_pdf.html", ctx)).write_pdf()
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(original)))
    writer.append(PdfReader(io.BytesIO(page)))
    sealed = io.BytesIO()
    writer.write(sealed)
    return sealed.getvalue()


def _logo_data_uri(quote: Quote) -> str:
    # Embedded, so WeasyPrint never fetches anything: logos are private to the office.
    if not quote.group.logo:
        return ""
    with quote.group.logo.open("rb") as logo:
        return "data:image/png;base64," + base64.b64encode(logo.read()).decode()
