"""The rules of issued offers: who may send one, and what a client's link still allows."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offers.models import OfferVersion
from brokerdesk.quotes import rules as quote_rules
from brokerdesk.quotes.models import Quote
from brokerdesk.quotes.offer import OFFER_VALIDITY

# What a client's link shows.
OPEN, ACCEPTED, EXPIRED, WITHDRAWN = "open", "accepted", "expired", "withdrawn"


class NothingToSend(RuleBroken):
    message = _("Aucune offre en cours à envoyer : générez d'abord l'offre.")


class OfferExpired(RuleBroken):
    message = _("Cette offre a expiré : générez une nouvelle offre.")


class OfferAccepted(RuleBroken):
    message = _("Le client a accepté cette offre : elle ne peut plus être remplacée.")


# The client accepted: the offer is the contract's basis from then on.
AFTER_ACCEPTANCE = (
    Quote.Status.ACCEPTED,
    Quote.Status.SUBMITTED,
    Quote.Status.INSURER_ACCEPTED,
    Quote.Status.INSURER_REFUSED,
)


def check_replaceable(quote: Quote) -> None:
    if quote.status in AFTER_ACCEPTANCE:
        raise OfferAccepted


class OfferClosed(RuleBroken):
    """The link no longer allows accepting: accepted, expired or withdrawn."""

    message = _("Cette offre ne peut plus être acceptée.")


def valid_until(version: OfferVersion):
    return version.issued_at + OFFER_VALIDITY


def link_state(version: OfferVersion, quote: Quote) -> str:
    if version.accepted_at is not None:
        return ACCEPTED
    if version.superseded_at is not None or quote.status != Quote.Status.ISSUED:
        return WITHDRAWN
    if timezone.now() >= valid_until(version):
        return EXPIRED
    return OPEN


def can_send(quote: Quote, version: OfferVersion | None, user: User) -> bool:
    """An active member sends the current offer of a quote waiting for the client, while
    the group may still work on the product (a frozen quote gives rise to nothing new)."""
    return (
        version is not None
        and link_state(version, quote) == OPEN
        and quote_rules.can_edit(quote, user)
    )


def check_sendable(quote: Quote, version: OfferVersion | None, user: User) -> None:
    """`quote` and `version` are the locked rows."""
    quote_rules.check_editable(quote, user)
    if version is None or link_state(version, quote) in (WITHDRAWN, ACCEPTED):
        raise NothingToSend
    if link_state(version, quote) == EXPIRED:
        raise OfferExpired
