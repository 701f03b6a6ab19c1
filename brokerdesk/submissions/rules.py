"""The rules of submitting a quote to its insurer and of talking with it, as predicates.

Pages ask them to show their buttons; the services check them again on the locked quote
(`check_*`), so a forged POST gets the refusal the hidden button would have given.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import InsurerStaff
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.quotes import rules as quote_rules
from brokerdesk.quotes.models import Quote
from brokerdesk.submissions.models import Thread

Status = Quote.Status
# What may be submitted: the offer the client accepted or, at the broker's choice, a priced
# quote or an issued offer.
SUBMITTABLE = (Status.PRICED, Status.ISSUED, Status.ACCEPTED)


class NotSubmittable(RuleBroken):
    message = _(
        "Seule une demande tarifée, une offre émise ou une offre acceptée par le client peut "
        "être soumise à la compagnie."
    )


class NotSubmitted(RuleBroken):
    message = _("Cette proposition n'attend plus de décision de la compagnie.")


class NotInsurerStaff(RuleBroken):
    message = _("Seuls les collaborateurs de la compagnie du produit peuvent décider.")


class NoReferralPending(RuleBroken):
    message = _("Cette demande n'attend pas l'avis de la compagnie.")


class ThreadClosed(RuleBroken):
    message = _("Aucun échange n'est possible sur cette demande.")


def is_insurer_staff(quote: Quote, user: User) -> bool:
    """Staff of the insurer of the quote's product (staff of any other insurer never)."""
    return (
        user.is_authenticated
        and InsurerStaff.objects.filter(
            user_id=user.pk, insurer_id=quote.product.insurer_id
        ).exists()
    )


def _submittable(quote: Quote) -> bool:
    return (
        quote.status in SUBMITTABLE
        and quote.breakdown is not None
        and quote_rules.referral_blocks(quote) is None
        and quote_rules.has_access(quote.group, quote.product)
    )


def can_submit(quote: Quote, user: User) -> bool:
    """ "Soumettre à la compagnie": an active member, on a quote that may be submitted."""
    return _submittable(quote) and quote_rules.is_member(quote, user)


def can_decide(quote: Quote, user: User) -> bool:
    """Accept or refuse the submitted business."""
    return quote.status == Status.SUBMITTED and is_insurer_staff(quote, user)


def referral_pending(quote: Quote) -> bool:
    return (
        quote.referred and quote.referral == Quote.Referral.NONE and quote.status != Status.ARCHIVED
    )


def can_ask_opinion(quote: Quote, user: User) -> bool:
    """ "Demander l'avis de la compagnie" on a quote the engine referred."""
    return referral_pending(quote) and quote_rules.is_member(quote, user)


def can_decide_referral(quote: Quote, user: User) -> bool:
    return referral_pending(quote) and is_insurer_staff(quote, user)


def has_thread(quote: Quote) -> bool:
    return Thread.objects.filter(quote_id=quote.pk).exists()


def _conversation_open(quote: Quote, *, thread: bool) -> bool:
    # An existing conversation goes on; a new one starts on a referral or a submission.
    if quote.status == Status.ARCHIVED:
        return False
    return thread or referral_pending(quote) or quote.status == Status.SUBMITTED


def can_post(quote: Quote, user: User) -> bool:
    """Write in the quote's conversation: its office's members and its insurer's staff."""
    if not (quote_rules.is_member(quote, user) or is_insurer_staff(quote, user)):
        return False
    return _conversation_open(quote, thread=has_thread(quote))


@dataclass(frozen=True)
class SubmissionActions:
    """What the quote's page offers on the way to the insurer, for one user."""

    submit: bool
    ask_opinion: bool
    thread: bool  # the conversation exists: link to it

    @classmethod
    def of(cls, quote: Quote, user: User) -> SubmissionActions:
        member = quote_rules.is_member(quote, user)
        return cls(
            submit=member and _submittable(quote),
            ask_opinion=member and referral_pending(quote),
            thread=has_thread(quote),
        )


# The checks of the services, on the locked quote.


def check_submittable(quote: Quote, user: User) -> None:
    quote_rules.check_member(quote.office_id, user)
    if quote.status not in SUBMITTABLE or quote.breakdown is None:
        raise NotSubmittable
    quote_rules.check_referral(quote)
    quote_rules.check_access(quote.group, quote.product)


def check_decidable(quote: Quote, user: User) -> None:
    if not is_insurer_staff(quote, user):
        raise NotInsurerStaff
    if quote.status != Status.SUBMITTED:
        raise NotSubmitted


def check_referral_decidable(quote: Quote, user: User) -> None:
    if not is_insurer_staff(quote, user):
        raise NotInsurerStaff
    if not referral_pending(quote):
        raise NoReferralPending


def check_can_post(quote: Quote, user: User, *, thread: bool) -> None:
    if not (quote_rules.is_member(quote, user) or is_insurer_staff(quote, user)):
        raise quote_rules.NotAMember
    if not _conversation_open(quote, thread=thread):
        raise ThreadClosed
