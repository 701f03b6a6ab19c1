"""Quote workflows: create, save a step, price, issue the offer, duplicate, archive."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.catalogue.models import Product
from brokerdesk.clients import services as clients
from brokerdesk.clients.models import Client
from brokerdesk.lib.text import reference_word
from brokerdesk.notifications import webhooks
from brokerdesk.offices.models import Group
from brokerdesk.quotes import pricing, rules, steps
from brokerdesk.quotes.models import OfficeCounter, Quote
from brokerdesk.quotes.rules import NoAccess, NoNewerTariff, NotPriceable


def _locked_counter(group: Group) -> OfficeCounter:
    # The counter row is locked until the quote's transaction ends, so two quotes created at
    # once get consecutive numbers, and a failed creation gives its number back.
    counter, _created = OfficeCounter.objects.get_or_create(office_id=group.office_id)
    return OfficeCounter.objects.select_for_update().get(pk=counter.pk)


def reference_for(product: Product, client_name: str, number: int) -> str:
    prefix = product.insurer.reference_prefix
    return f"{prefix}_{product.code}_{reference_word(client_name)}_{number:04d}"


def _submitted_before(by: User, form_token: str) -> Quote | None:
    """The quote an earlier POST of the same form made (a double click), if any."""
    if not form_token:
        return None
    return Quote.objects.filter(created_by=by, form_token=form_token).first()


@transaction.atomic
def create_quote(
    *,
    group: Group,
    product: Product,
    created_by: User,
    answers: dict[str, Any],
    form_token: str = "",
) -> Quote:
    """Store a new quote. The rules of who may (access, membership) are checked by the
    workflows that call it, start_quote and duplicate; seeds and tests build with it."""
    return _create_once(
        group=group,
        product=product,
        created_by=created_by,
        answers=answers,
        form_token=form_token,
    )[0]


def _create_once(
    *,
    group: Group,
    product: Product,
    created_by: User,
    answers: dict[str, Any],
    form_token: str,
) -> tuple[Quote, bool]:
    """The new quote and True; or, for the same form posted twice (`form_token`), the first
    quote and False. The office's counter is locked first, so the second POST waits for the
    first to commit, then finds its quote."""
    counter = _locked_counter(group)
    earlier = _submitted_before(created_by, form_token)
    if earlier is not None:
        return earlier, False
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    number = counter.last_number
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
        form_token=form_token,
    )
    record(
        "quote.created",
        actor=created_by,
        target=quote,
        office=group.office,
        reference=quote.reference,
    )
    return quote, True


@transaction.atomic
def start_quote(
    *,
    group: Group,
    product: Product,
    created_by: User,
    answers: dict[str, Any],
    form_token: str = "",
    client: Client | None = None,
) -> Quote:
    """Step 1.1's "Étape suivante": the draft is stored from now on, nothing typed is lost.

    Only an active member, in a group whose access to the product is accepted (locked, so a
    revocation at the same moment waits for the quote, then freezes it).
    """
    rules.check_member(group.office_id, created_by)
    rules.check_access(group, product)
    quote = create_quote(
        group=group,
        product=product,
        created_by=created_by,
        answers=answers,
        form_token=form_token,
    )
    if quote.client_id is None:  # not the first quote of a double click
        _attach_client(quote, chosen=client, by=created_by)
        quote.save(update_fields=["client"])
    return quote


def _attach_client(quote: Quote, *, chosen: Client | None, by: User) -> None:
    """The quote's client, as its step 1.1 designates it (clients.client_of_quote)."""
    quote.client = clients.client_of_quote(
        office_id=quote.office_id,
        activity=quote.answers.get("activity", {}),
        chosen=chosen,
        current=quote.client,
        by=by,
    )


@transaction.atomic
def save_step(
    *, quote: Quote, step: str, data: dict[str, Any], by: User, client: Client | None = None
) -> Quote:
    """Store one step. A priced quote that changes goes back to draft, with a new price.
    Step 1.1 also sets the quote's client (`client`: the one picked in its suggestions)."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    rules.check_editable(quote, by)
    quote.answers = {**quote.answers, step: data}
    quote.drafts = {name: draft for name, draft in quote.drafts.items() if name != step}
    quote.step_revisions = {**quote.step_revisions, step: revision_of(quote, step) + 1}
    if step not in quote.steps_done:
        quote.steps_done = [*quote.steps_done, step]
    if step == "activity":
        quote.client_name = data["client_name"]
        _attach_client(quote, chosen=client, by=by)
    if quote.status in (Quote.Status.PRICED, Quote.Status.ISSUED):
        quote.status = Quote.Status.DRAFT
    if quote.referral and step != "payment":
        # The insurer answered on the risk as it was described: a changed risk is asked again.
        quote.referral, quote.loading_percent = Quote.Referral.NONE, None
    _reprice(quote)
    quote.save()
    return quote


def _reprice(quote: Quote) -> None:
    priced = None
    if pricing.has_legal_data(quote.answers):
        priced = pricing.compute(quote.answers, pricing.tariff_of(quote))
    breakdown = priced.breakdown if priced else None
    total = priced.total if priced else None
    if breakdown and quote.referral == Quote.Referral.LOADED and quote.loading_percent:
        breakdown, total = pricing.with_loading(breakdown, quote.loading_percent)
    quote.breakdown = breakdown
    quote.tariff_version = breakdown["tariff_version"] if breakdown else ""
    quote.total_annual = total
    quote.referred = bool(breakdown and breakdown["is_referred"])
    quote.indicative = bool(breakdown and breakdown["indicative"])


def apply_referral_answer(
    quote: Quote, *, referral: str, loading_percent: Decimal | None = None
) -> None:
    """The insurer's answer to a referred quote (`quote` is the locked row, saved by the
    caller): a loading is in its price from now on."""
    quote.referral = referral
    quote.loading_percent = loading_percent if referral == Quote.Referral.LOADED else None
    _reprice(quote)


@transaction.atomic
def move_to_current_tariff(*, quote: Quote, by: User) -> Quote:
    """The broker's one click after the insurer activated a new tariff: re-price with it."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    rules.check_editable(quote, by)
    newer = pricing.newer_tariff(quote)
    if newer is None:
        raise NoNewerTariff
    previous = quote.tariff_version
    quote.tariff_version = newer.version
    _reprice(quote)
    quote.save()
    record(
        "quote.retariffed",
        actor=by,
        target=quote,
        office=quote.group.office,
        previous=previous,
        version=quote.tariff_version,
        total=str(quote.total_annual),
    )
    return quote


def revision_of(quote: Quote, step: str) -> int:
    """How many times the step was saved: the number its page is shown with."""
    return quote.step_revisions.get(step, 0)


@transaction.atomic
def keep_draft(
    *, quote: Quote, step: str, typed: dict[str, Any], revision: int | None = None
) -> bool:
    """Remember what is typed in a step, valid or not, so that leaving the page loses nothing.

    Drafts are merged per step under the row lock: steps typed at once (two tabs, two
    colleagues) each keep their own draft. `revision` is the number the step's page was shown
    with: when the step has been saved since, the draft is older than the saved answer (a
    request that arrived late, another tab) and is dropped. Returns whether it was kept.
    """
    locked = (
        Quote.objects.select_for_update()
        .only("status", "drafts", "step_revisions")
        .get(pk=quote.pk)
    )
    stale = revision is not None and revision != revision_of(locked, step)
    if stale or locked.status == Quote.Status.ARCHIVED:
        return False
    drafts = {**locked.drafts, step: typed}
    Quote.objects.filter(pk=quote.pk).update(drafts=drafts)
    quote.drafts = drafts
    return True


@transaction.atomic
def finish(*, quote: Quote, by: User) -> Quote:
    """All steps done: the quote is priced ("Tarifé")."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    rules.check_editable(quote, by)
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
    """Freeze the answers, the tariff version and the breakdown: the offer never changes.

    Issuing the same offer again (a double click) changes nothing and records nothing: any
    change of the answers puts the quote back to draft, so an issued quote whose frozen offer
    equals what it would freeze now already has that offer.
    """
    quote = finish(quote=quote, by=by)
    rules.check_referral(quote)
    offer = {
        "answers": quote.answers,
        "tariff_version": quote.tariff_version,
        "breakdown": quote.breakdown,
        "client_name": quote.client_name,
    }
    if (
        quote.status == Quote.Status.ISSUED
        and quote.offer == offer
        and quote.offer_language == language
    ):
        return quote
    quote.offer = offer
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
def duplicate(*, quote: Quote, group: Group, by: User, form_token: str = "") -> Quote:
    """A copy in the user's current sub-account, which must have access to the product; the
    same form posted twice gives the first copy back."""
    rules.check_member(quote.office_id, by)
    if group.office_id != quote.office_id:
        raise NoAccess
    rules.check_access(group, quote.product)
    copy, created = _create_once(
        group=group,
        product=quote.product,
        created_by=by,
        answers=dict(quote.answers),
        form_token=form_token,
    )
    if not created:
        return copy
    copy.steps_done = list(quote.steps_done)
    copy.client_id = quote.client_id
    _reprice(copy)
    copy.save()
    record("quote.duplicated", actor=by, target=copy, office=group.office, source=quote.reference)
    return copy


@transaction.atomic
def archive(*, quote: Quote, by: User) -> Quote:
    """Archiving twice (a double click) changes nothing the second time."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    rules.check_member(quote.office_id, by)
    if quote.status == Quote.Status.ARCHIVED:
        return quote
    quote.status = Quote.Status.ARCHIVED
    quote.save()
    record("quote.archived", actor=by, target=quote, office=quote.group.office)
    return quote


@transaction.atomic
def restore(*, quote: Quote, by: User) -> Quote:
    """Undo "Archiver": the quote is back where its data puts it (its offer, its price, or a
    draft). Restoring a quote that is not archived changes nothing."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status != Quote.Status.ARCHIVED:
        return quote
    rules.check_member(quote.office_id, by)
    if quote.offer and quote.offer.get("answers") == quote.answers:  # not edited since
        quote.status = Quote.Status.ISSUED
    elif quote.breakdown and steps.is_complete(quote.answers, quote.steps_done):
        quote.status = Quote.Status.PRICED
    else:
        quote.status = Quote.Status.DRAFT
    quote.save(update_fields=["status", "updated_at"])
    record("quote.restored", actor=by, target=quote, office=quote.group.office)
    return quote
