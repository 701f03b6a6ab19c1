"""Quotes ("Demandes"): the list, search, detail, the wizard in one document, price, offer,
and the submission to the insurer."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status

from brokerdesk.access.catalogue import get_product_or_404
from brokerdesk.access.offices import (
    get_switchable_group_or_404,
    membership_for,
    request_group,
    require_membership,
)
from brokerdesk.access.quotes import (
    get_broker_quote_or_404,
    get_quote_or_404,
    group_quotes,
    visible_quotes,
)
from brokerdesk.accounts.models import User
from brokerdesk.api import auth, responses, serialize
from brokerdesk.api.idempotency import DOCUMENTED, idempotent
from brokerdesk.api.schemas import (
    GroupChoice,
    Id,
    OfferIn,
    Page,
    PathId,
    PriceIn,
    QuoteCreate,
    QuoteDetail,
    QuoteOut,
    QuotePage,
    QuoteUpdate,
)
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offers import services as offers
from brokerdesk.offices.models import Group
from brokerdesk.quotes import answers, rules, selectors, services, steps
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.search import SHOWN
from brokerdesk.quotes.search import search as search_quotes
from brokerdesk.submissions import rules as submission_rules
from brokerdesk.submissions import services as submissions

router = Router(tags=["quotes"])
REQUIRED = _("Ce champ est obligatoire.")


class NoAccess(RuleBroken):
    """Like the browser's "+ Nouveau" on a product the sub-account may not price (403)."""

    message = _("Ce sous-compte n'a pas d'accès accepté à ce produit.")


class ListFilters(Schema):
    group: Id | None = None
    status: str = ""
    by: str = ""
    product: str = ""
    period: str = ""
    order: str = "created"
    page: Page = 1


def acting_group(request: HttpRequest, group_id: int | None) -> Group:
    """The group asked for if the user may act in it, else the current one (as the top bar)."""
    if group_id is not None:
        return get_switchable_group_or_404(require_membership(request.user), group_id)
    group = request_group(request)
    if group is None:
        raise Http404
    return group


def _document(payload: Any) -> dict[str, dict[str, Any]]:
    return payload.answers.model_dump(mode="json", exclude_none=True)


def _save_steps(quote: Quote, checked: dict[str, dict[str, Any]], by: User) -> Quote:
    for slug, data in checked.items():
        quote = services.save_step(quote=quote, step=slug, data=data, by=by)
    return _finish_if_complete(quote, by)


def _finish_if_complete(quote: Quote, by: User) -> Quote:
    """As the wizard's last "Étape suivante": once every step is done, the quote is priced."""
    if steps.is_complete(quote.answers, quote.steps_done) and quote.status == Quote.Status.DRAFT:
        quote = services.finish(quote=quote, by=by)
    return quote


@router.get("/quotes", response=responses.read(QuotePage), auth=auth.read, url_name="api_quotes")
def list_quotes(request: HttpRequest, filters: Query[ListFilters]) -> dict:
    """The "Demandes" list of a sub-account: same filters, order and pages of 25."""
    membership = membership_for(request.user)
    group = acting_group(request, filters.group) if membership else None
    listed = group_quotes(membership, group)
    chosen = {key: getattr(filters, key) for key in selectors.FILTERS}
    rows = selectors.list_page(listed, order=filters.order, filters=chosen)
    return serialize.page(rows, filters.page, serialize.quote)


@router.get(
    "/quotes/search", response=responses.read(list[QuoteOut]), auth=auth.read, url_name="api_search"
)
def search(request: HttpRequest, q: str = "") -> list[dict]:
    """Every answer of the quotes the user may see, as the browser's search (50 at most)."""
    query = q.strip()
    found = search_quotes(visible_quotes(request.user), query)[:SHOWN] if query else []
    return [serialize.quote(item) for item in found]


@decorate_view(idempotent)
@router.post(
    "/quotes",
    response=responses.write(QuoteDetail, 201),
    auth=auth.quotes_write,
    openapi_extra=DOCUMENTED,
)
def create_quote(request: HttpRequest, payload: QuoteCreate) -> Status:
    """A quote from the wizard's answers in one document; priced when every step is given."""
    require_membership(request.user)
    product = get_product_or_404(payload.product)
    group = acting_group(request, payload.group)
    if not rules.has_access(group, product):  # asked first; start_quote checks it under lock
        raise NoAccess
    document = _document(payload)
    if "activity" not in document:
        raise answers.Invalid([(["activity"], str(REQUIRED))])
    checked = answers.check(document, saved={}, language=request.user.language)
    with transaction.atomic():
        quote = services.start_quote(
            group=group,
            product=product,
            created_by=request.user,
            answers={"activity": checked.pop("activity")},
        )
        quote = _save_steps(quote, checked, request.user)
    return Status(201, serialize.quote_detail(quote))


@router.get(
    "/quotes/{quote_id}", response=responses.read(QuoteDetail), auth=auth.read,
    url_name="api_quote",
)  # fmt: skip
def quote_detail(request: HttpRequest, quote_id: PathId) -> dict:
    return serialize.quote_detail(get_quote_or_404(request.user, quote_id))


@router.patch("/quotes/{quote_id}", response=responses.write(QuoteDetail), auth=auth.quotes_write)
def update_quote(request: HttpRequest, quote_id: PathId, payload: QuoteUpdate) -> dict:
    """Change steps: a priced quote goes back to draft, and is priced again once complete."""
    quote = get_broker_quote_or_404(require_membership(request.user), quote_id)
    # Refused before the answers are checked; the service checks again under lock.
    locked_because = rules.why_not_editable(quote, request.user)
    if locked_because:
        raise RuleBroken(locked_because)
    checked = answers.check(_document(payload), saved=quote.answers, language=request.user.language)
    with transaction.atomic():
        quote = _save_steps(quote, checked, request.user)
    return serialize.quote_detail(quote)


@decorate_view(idempotent)
@router.post(
    "/quotes/{quote_id}/price", response=responses.write(QuoteDetail), auth=auth.quotes_write,
    url_name="api_price", openapi_extra=DOCUMENTED
)  # fmt: skip
def price(request: HttpRequest, quote_id: PathId, payload: PriceIn | None = None) -> dict:
    """Price a complete quote ("Tarifé"), with its payment frequency if given."""
    quote = get_broker_quote_or_404(require_membership(request.user), quote_id)
    frequency = payload.payment_frequency if payload else None
    with transaction.atomic():
        if frequency:  # the schema lets only the form's choices through
            quote = services.set_payment(quote=quote, frequency=frequency, by=request.user)
        quote = services.finish(quote=quote, by=request.user)
    return serialize.quote_detail(quote)


@decorate_view(idempotent)
@router.post(
    "/quotes/{quote_id}/duplicate", response=responses.write(QuoteDetail, 201),
    auth=auth.quotes_write, url_name="api_duplicate", openapi_extra=DOCUMENTED
)  # fmt: skip
def duplicate(request: HttpRequest, quote_id: PathId, payload: GroupChoice | None = None) -> Status:
    """A copy in the given sub-account (the current one by default)."""
    membership = require_membership(request.user)
    quote = get_broker_quote_or_404(membership, quote_id)
    group = acting_group(request, payload.group if payload else None)
    copy = services.duplicate(quote=quote, group=group, by=request.user)
    return Status(201, serialize.quote_detail(copy))


@decorate_view(idempotent)
@router.post(
    "/quotes/{quote_id}/archive", response=responses.write(QuoteDetail),
    auth=auth.quotes_write, url_name="api_archive", openapi_extra=DOCUMENTED
)  # fmt: skip
def archive(request: HttpRequest, quote_id: PathId) -> dict:
    quote = get_broker_quote_or_404(require_membership(request.user), quote_id)
    return serialize.quote_detail(services.archive(quote=quote, by=request.user))


@decorate_view(idempotent)
@router.post(
    "/quotes/{quote_id}/offer", response=responses.write(QuoteDetail),
    auth=auth.offers_write, url_name="api_offer", openapi_extra=DOCUMENTED
)  # fmt: skip
def issue_offer(request: HttpRequest, quote_id: PathId, payload: OfferIn) -> dict:
    """Issue the offer: the answers, tariff and breakdown are frozen in it."""
    quote = get_broker_quote_or_404(require_membership(request.user), quote_id)
    version = offers.issue_offer(quote=quote, language=payload.language, by=request.user)
    return serialize.quote_detail(version.quote)


@decorate_view(idempotent)
@router.post(
    "/quotes/{quote_id}/submit", response=responses.write(QuoteDetail),
    auth=auth.quotes_write, url_name="api_submit", openapi_extra=DOCUMENTED
)  # fmt: skip
def submit(request: HttpRequest, quote_id: PathId) -> dict:
    """ "Soumettre à la compagnie": a priced quote, an issued offer or one the client accepted.
    Submitted already: 409 (an Idempotency-Key replays the first answer instead)."""
    quote = get_broker_quote_or_404(require_membership(request.user), quote_id)
    # Asked first, as the browser hides its button; the service checks again under lock.
    submission_rules.check_submittable(quote, request.user)
    return serialize.quote_detail(submissions.submit(quote=quote, by=request.user))


PDF = {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


@router.get(
    "/quotes/{quote_id}/offer.pdf", response=responses.read(None), auth=auth.read,
    url_name="api_offer_pdf",
    openapi_extra={"responses": {200: {"description": "The offer (PDF)", **PDF}}},
)  # fmt: skip
def offer_pdf(request: HttpRequest, quote_id: PathId) -> HttpResponse:
    quote = get_quote_or_404(request.user, quote_id)
    content = offers.current_pdf(quote)  # as stored when issued (issue 16)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{quote.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
