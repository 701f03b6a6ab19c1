"""Offer workflows: issue a version, send it to the client, record the client's acceptance."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from brokerdesk.accounts.models import User
from brokerdesk.audit.log import record
from brokerdesk.lib.storage import removed_on_failure
from brokerdesk.notifications import delivery, kinds
from brokerdesk.notifications.inbox import notify
from brokerdesk.offers import pdf, rules
from brokerdesk.offers.models import OfferLink, OfferVersion
from brokerdesk.quotes import services as quote_services
from brokerdesk.quotes.models import Quote


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def current_version(quote: Quote) -> OfferVersion | None:
    return quote.offers.filter(superseded_at__isnull=True).order_by("-number").first()


def current_pdf(quote: Quote) -> bytes | None:
    """The PDF of the quote's current offer as stored; None when it has none (never issued,
    or replaced by an edit and not issued again). An offer issued before offers were kept is
    rendered from its frozen snapshot as the offers are now."""
    current = current_version(quote)
    if current is not None:
        with current.pdf.open("rb") as stored:
            return stored.read()
    if not quote.offer or quote.offers.exists():
        return None
    return pdf.render_offer(quote, number=1, issued_at=quote.issued_at)


@transaction.atomic
def issue_offer(
    *, quote: Quote, language: str, by: User, start_date: date | None = None
) -> OfferVersion:
    """Issue the offer (the quote's rules decide whether it may be) and keep its PDF.

    The same offer issued again (a double click) gives the current version back; a new
    language or start date is a new offer, and supersedes the one before.
    """
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    rules.check_replaceable(quote)
    start = start_date or quote.start_date or pdf.first_of_next_month(timezone.localdate())
    if start != quote.start_date:
        quote.start_date = start
        if quote.status == Quote.Status.ISSUED:
            quote.status = Quote.Status.PRICED  # a new start date is a new offer
        quote.save(update_fields=["start_date", "status"])
    quote = quote_services.issue_offer(quote=quote, language=language, by=by)
    current = current_version(quote)
    if current is not None and current.issued_at == quote.issued_at:
        return current
    now = timezone.now()
    quote.offers.filter(superseded_at__isnull=True).update(superseded_at=now)
    number = (quote.offers.aggregate(last=Max("number"))["last"] or 0) + 1
    content = pdf.render_offer(quote, number=number, issued_at=quote.issued_at)
    version = OfferVersion(
        quote=quote,
        number=number,
        issued_at=quote.issued_at,
        issued_by=by,
        language=quote.offer_language,
        sha256=sha256(content),
    )
    with removed_on_failure() as store:
        store(version.pdf, f"{quote.reference}-v{number}.pdf", ContentFile(content))
        version.save()
        record(
            "offer.version_issued",
            actor=by,
            target=quote,
            office=quote.office,
            version=number,
            language=version.language,
            sha256=version.sha256,
        )
    return version


def supersede_if_edited(quote: Quote) -> None:
    """After any save of a quote: one changed after its offer (back to draft or priced) no
    longer has a current offer. Quotes never issued cost no query."""
    if quote.offer is None or quote.status not in (Quote.Status.DRAFT, Quote.Status.PRICED):
        return
    superseded = OfferVersion.objects.filter(quote_id=quote.pk, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )
    if superseded:  # by whoever saved the quote: its own audit event names them
        record("offer.superseded", actor=None, target=quote, office=quote.office)


@transaction.atomic
def send_offer(
    *, quote: Quote, email: str, language: str, by: User, form_token: str = ""
) -> OfferVersion:
    """E-mail the current offer, in `language`, with its PDF and a personal link. The same
    form posted twice (a double click; the quote's lock makes the second wait) sends once."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if form_token:
        earlier = OfferLink.objects.filter(sent_by=by, form_token=form_token).first()
        if earlier is not None:
            return earlier.version
    version = current_version(quote)
    rules.check_sendable(quote, version, by)
    if version.language != language:  # the client reads the offer in its own language
        version = issue_offer(quote=quote, language=language, by=by)
        quote.refresh_from_db()
    token = secrets.token_urlsafe(32)
    OfferLink.objects.create(
        version=version,
        token_hash=token_hash(token),
        email=email,
        language=language,
        sent_by=by,
        form_token=form_token,
    )
    delivery.queue(
        "offer_sent",
        to=email,
        language=language,
        reply_to=by.email,
        context={
            "quote": quote,
            "version": version,
            "office": quote.office,
            "broker": by,
            "client_name": quote.client_name,
            "valid_until": rules.valid_until(version),
            "link": reverse("offer_public", args=[token]),
        },
        attachments=[
            {
                "name": version.pdf.name,
                "filename": version.filename,
                "content_type": "application/pdf",
            }
        ],
    )
    record(
        "offer.sent",
        actor=by,
        target=quote,
        office=quote.office,
        version=version.number,
        language=language,
    )
    return version


def find_link(token: str) -> OfferLink | None:
    if not token or len(token) > 100:
        return None
    return (
        OfferLink.objects.select_related("version__quote__office", "version__quote__product")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def accept(*, link: OfferLink, name: str, function: str, ip: str) -> OfferVersion:
    """The client accepts the offer of its link: recorded, sealed, and told to the broker."""
    version = OfferVersion.objects.select_for_update().get(pk=link.version_id)
    quote = Quote.objects.select_for_update().select_related("created_by").get(pk=version.quote_id)
    if rules.link_state(version, quote) != rules.OPEN:
        raise rules.OfferClosed
    version.accepted_at = timezone.now()
    version.accepted_ip = ip or None
    version.accepted_name = name
    version.accepted_function = function
    with version.pdf.open("rb") as stored:
        original = stored.read()
    sealed = pdf.seal(original, version=version)
    with removed_on_failure() as store:
        sealed_name = f"{quote.reference}-v{version.number}-accepted.pdf"
        store(version.sealed_pdf, sealed_name, ContentFile(sealed))
        version.sealed_sha256 = sha256(sealed)
        version.save()
        quote.status = Quote.Status.ACCEPTED
        quote.save(update_fields=["status"])
        record(
            "offer.accepted",
            actor=None,
            target=quote,
            office=quote.office,
            version=version.number,
            name=name,
            function=function,
            ip=ip,
            sha256=version.sha256,
            sealed_sha256=version.sealed_sha256,
        )
        broker = quote.created_by
        link = reverse("quote", args=[quote.pk])
        notify(
            [broker],
            kinds.OFFER_ACCEPTED,
            url=link,
            client=quote.client_name,
            reference=quote.reference,
        )
        delivery.queue(
            "offer_accepted",
            to=broker.email,
            language=broker.language or "fr",
            context={
                "quote": quote,
                "version": version,
                "broker": broker,
                "link": link,
            },
        )
    return version
