"""Quote workflows: create, save a step, price, issue the offer, duplicate, archive."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.catalogue.models import Product
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.lib.text import reference_word
from brokerdesk.notifications import webhooks
from brokerdesk.offices.models import Group
from brokerdesk.quotes import pricing, steps
from brokerdesk.quotes.models import OfficeCounter, Quote


class NotPriceable(RuleBroken):
    message = _("La tarification n'est pas complète : terminez toutes les étapes.")


class QuoteArchived(RuleBroken):
    message = _("Cette demande est archivée : dupliquez-la pour la modifier.")


def _next_number(group: Group) -> int:
    # The counter row is locked until the quote's transaction ends, so two quotes created at
    # once get consecutive numbers, and a failed creation gives its number back.
    counter, _created = OfficeCounter.objects.get_or_create(office_id=group.office_id)
    counter = OfficeCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def reference_for(product: Product, client_name: str, number: int) -> str:
    prefix = product.insurer.reference_prefix
    return f"{prefix}_{product.code}_{reference_word(client_name)}_{number:04d}"


@transaction.atomic
def create_quote(
    *, group: Group, product: Product, created_by: User, answers: dict[str, Any]
) -> Quote:
    """The draft is stored from the first "Étape suivante": nothing typed is lost after it."""
    number = _next_number(group)
    client_name = answers["activity"]["client_name"]
    quote = Quote.objects.create(
        office_id=group.office_id,
        group=group,
        created_by=created_by,
        product=product,
        number=number,
        reference=reference_for(product, client_name, number),
        client_name=client_name,
        answers=answers,
        steps_done=["activity"],
    )
    record(
        "quote.created",
        actor=created_by,
        target=quote,
        office=group.office,
        reference=quote.reference,
    )
    return quote


@transaction.atomic
def save_step(*, quote: Quote, step: str, data: dict[str, Any], by: User) -> Quote:
    """Store one step. A priced quote that changes goes back to draft, with a new price."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status == Quote.Status.ARCHIVED:
        raise QuoteArchived
    quote.answers = {**quote.answers, step: data}
    quote.drafts = {name: draft for name, draft in quote.drafts.items() if name != step}
    if step not in quote.steps_done:
        quote.steps_done = [*quote.steps_done, step]
    if step == "activity":
        quote.client_name = data["client_name"]
    if quote.status in (Quote.Status.PRICED, Quote.Status.ISSUED):
        quote.status = Quote.Status.DRAFT
    _reprice(quote)
    quote.save()
    return quote


def _reprice(quote: Quote) -> None:
    priced = None
    if pricing.has_legal_data(quote.answers):
        priced = pricing.compute(quote.answers, pricing.tariff_of(quote))
    breakdown = priced.breakdown if priced else None
    quote.breakdown = breakdown
    quote.tariff_version = breakdown["tariff_version"] if breakdown else ""
    quote.total_annual = priced.total if priced else None
    quote.referred = bool(breakdown and breakdown["is_referred"])
    quote.indicative = bool(breakdown and breakdown["indicative"])


def keep_draft(*, quote: Quote, step: str, typed: dict[str, Any]) -> None:
    """Remember what is typed in a step, valid or not, so that leaving the page loses nothing."""
    Quote.objects.filter(pk=quote.pk).update(drafts={**quote.drafts, step: typed})


@transaction.atomic
def finish(*, quote: Quote, by: User) -> Quote:
    """All steps done: the quote is priced ("Tarifé")."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status == Quote.Status.ARCHIVED:
        raise QuoteArchived
    _reprice(quote)
    if not steps.is_complete(quote.answers, quote.steps_done) or quote.breakdown is None:
        raise NotPriceable
    if quote.status == Quote.Status.DRAFT:
        quote.status = Quote.Status.PRICED
        record(
            "quote.priced",
            actor=by,
            target=quote,
            office=quote.group.office,
            total=str(quote.total_annual),
        )
        webhooks.emit(quote.office_id, "quote.priced", event_data(quote))
    quote.save()
    return quote


@transaction.atomic
def set_payment(*, quote: Quote, frequency: str, by: User) -> Quote:
    return save_step(quote=quote, step="payment", data={"payment_frequency": frequency}, by=by)


@transaction.atomic
def issue_offer(*, quote: Quote, language: str, by: User) -> Quote:
    """Freeze the answers, the tariff version and the breakdown: the offer never changes."""
    quote = finish(quote=quote, by=by)
    quote.offer = {
        "answers": quote.answers,
        "tariff_version": quote.tariff_version,
        "breakdown": quote.breakdown,
        "client_name": quote.client_name,
    }
    quote.offer_language = language
    quote.issued_at = timezone.now()
    quote.status = Quote.Status.ISSUED
    quote.save()
    record(
        "quote.offer_issued",
        actor=by,
        target=quote,
        office=quote.group.office,
        language=language,
        total=str(quote.total_annual),
    )
    webhooks.emit(quote.office_id, "offer.issued", event_data(quote))
    return quote


def event_data(quote: Quote) -> dict[str, Any]:
    """What a webhook says of a quote; the rest is one API call away (GET /api/v1/quotes/id)."""
    return {
        "id": quote.pk,
        "reference": quote.reference,
        "client_name": quote.client_name,
        "product": quote.product.code,
        "group": quote.group_id,
        "status": quote.status,
        "total_annual": quote.total_annual,
        "offer_language": quote.offer_language,
    }


@transaction.atomic
def duplicate(*, quote: Quote, group: Group, by: User) -> Quote:
    copy = create_quote(
        group=group, product=quote.product, created_by=by, answers=dict(quote.answers)
    )
    copy.steps_done = list(quote.steps_done)
    _reprice(copy)
    copy.save()
    record("quote.duplicated", actor=by, target=copy, office=group.office, source=quote.reference)
    return copy


@transaction.atomic
def archive(*, quote: Quote, by: User) -> Quote:
    quote.status = Quote.Status.ARCHIVED
    quote.save()
    record("quote.archived", actor=by, target=quote, office=quote.group.office)
    return quote
