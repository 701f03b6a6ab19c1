"""The rules of a quote, as named predicates: what a user may do with it, and why not.

One home for each rule. Views and templates ask the predicates (the pages get their answers
as booleans and never compare statuses themselves); the services check the same rules again
at write time, with the quote and the group's access locked (`check_*`), so a forged POST gets
the refusal the hidden button would have given, even while the insurer revokes the access.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from brokerdesk.accounts.models import User
from brokerdesk.catalogue.models import Integration, Product
from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offices.models import Group, Membership
from brokerdesk.quotes import steps
from brokerdesk.quotes.models import Quote


class QuoteArchived(RuleBroken):
    message = _("Cette demande est archivée : dupliquez-la pour la modifier.")


class WithTheInsurer(RuleBroken):
    """Submitted to the insurer (or decided by it): what it decides on no longer changes."""

    message = _(
        "Cette demande est soumise à la compagnie : elle ne peut plus être modifiée. "
        "Dupliquez-la pour en faire une nouvelle."
    )


class AcceptedByClient(RuleBroken):
    """The client signed this offer online: what it accepted no longer changes."""

    message = _(
        "Le client a accepté cette offre : la demande ne peut plus être modifiée. "
        "Dupliquez-la pour en faire une nouvelle."
    )


WITH_THE_INSURER = (
    Quote.Status.SUBMITTED,
    Quote.Status.INSURER_ACCEPTED,
    Quote.Status.INSURER_REFUSED,
)


class NotPriceable(RuleBroken):
    message = _("La tarification n'est pas complète : terminez toutes les étapes.")


class NoNewerTariff(RuleBroken):
    message = _("Cette demande est déjà tarifée avec le tarif en vigueur.")


class NotAMember(RuleBroken):
    message = _("Seuls les membres actifs du bureau peuvent modifier ses demandes.")


class NoAccess(RuleBroken):
    """The group may not price this product (never asked, waiting, refused or revoked)."""

    message = _(
        "Ce sous-compte n'a pas d'accès accepté à ce produit : choisissez un sous-compte qui "
        "y a accès, ou demandez l'accès depuis la page du produit."
    )


class ReferralPending(RuleBroken):
    """The engine referred the quote to the insurer, which has not answered yet."""

    message = _(
        "Cette demande doit être acceptée par la compagnie avant toute offre : demandez son "
        "avis (« Demander l'avis de la compagnie ») et attendez sa réponse."
    )


class ReferralRefused(RuleBroken):
    message = _("La compagnie a refusé ce risque : aucune offre n'est possible.")


class QuoteFrozen(RuleBroken):
    """The group's access to the product was withdrawn: the quote is only read."""


# Why a quote is frozen, by the status of its group's access to the product (None: no access
# at all). Shown as a banner on the quote and as the refusal of any change.
FROZEN_BECAUSE = {
    Integration.Status.REVOKED: _(
        "La compagnie a révoqué l'accès de ce sous-compte à ce produit : la demande reste "
        "consultable et son offre téléchargeable, mais elle ne peut plus être modifiée ni "
        "donner lieu à une nouvelle offre."
    ),
    Integration.Status.REFUSED: _(
        "La compagnie a refusé l'accès de ce sous-compte à ce produit : la demande reste "
        "consultable et son offre téléchargeable, mais elle ne peut plus être modifiée ni "
        "donner lieu à une nouvelle offre."
    ),
    Integration.Status.REQUESTED: _(
        "L'accès de ce sous-compte à ce produit attend la décision de la compagnie : la "
        "demande reste consultable, mais elle ne peut être modifiée qu'une fois l'accès accepté."
    ),
    None: _(
        "Ce sous-compte n'a pas d'accès à ce produit : la demande reste consultable et son "
        "offre téléchargeable, mais elle ne peut plus être modifiée ni donner lieu à une "
        "nouvelle offre."
    ),
}


def access_of(group: Group, product: Product, *, lock: bool = False) -> Integration | None:
    """The group's access to the product; locked, it cannot be revoked until the change ends."""
    integrations = Integration.objects.filter(group_id=group.pk, product_id=product.pk)
    if lock:
        integrations = integrations.select_for_update()
    return integrations.first()


def has_access(group: Group | None, product: Product) -> bool:
    """The group may price the product: its access is accepted."""
    if group is None:
        return False
    access = access_of(group, product)
    return access is not None and access.is_accepted


def frozen_reason(quote: Quote) -> str | None:
    """Why the quote can no longer change though it is not archived; None while it can."""
    access = access_of(quote.group, quote.product)
    if access is not None and access.is_accepted:
        return None
    return str(FROZEN_BECAUSE[access.status if access else None])


def is_member(quote: Quote, user: User) -> bool:
    """An active member of the quote's office (insurer staff only ever read)."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user_id=user.pk, office_id=quote.office_id, status=Membership.Status.ACTIVE
    ).exists()


def why_not_editable(quote: Quote, user: User) -> str | None:
    """What stops the user changing the quote, in words; None when nothing does."""
    return _why_locked(quote, member=is_member(quote, user))


def _why_locked(quote: Quote, *, member: bool) -> str | None:
    if quote.status == Quote.Status.ARCHIVED:
        return str(QuoteArchived.message)
    if quote.status == Quote.Status.ACCEPTED:
        return str(AcceptedByClient.message)
    if quote.status in WITH_THE_INSURER:
        return str(WithTheInsurer.message)
    if not member:
        return str(NotAMember.message)
    return frozen_reason(quote)


def _offer_ready(quote: Quote) -> bool:
    return quote.breakdown is not None and steps.is_complete(quote.answers, quote.steps_done)


def _copy_allowed(quote: Quote, group: Group | None) -> bool:
    return (
        group is not None
        and group.office_id == quote.office_id
        and has_access(group, quote.product)
    )


def can_edit(quote: Quote, user: User) -> bool:
    """Change the answers or the payment frequency."""
    return why_not_editable(quote, user) is None


def referral_blocks(quote: Quote) -> str | None:
    """Why the insurer's answer to a referred quote stops its offer; None when nothing does
    (not referred, or accepted as priced or with a loading)."""
    if not quote.referred or quote.referral in (Quote.Referral.ACCEPTED, Quote.Referral.LOADED):
        return None
    if quote.referral == Quote.Referral.REFUSED:
        return str(ReferralRefused.message)
    return str(ReferralPending.message)


def check_referral(quote: Quote) -> None:
    """`quote` is the locked row, priced again."""
    if quote.referred and quote.referral == Quote.Referral.REFUSED:
        raise ReferralRefused
    if referral_blocks(quote) is not None:
        raise ReferralPending


def can_issue_offer(quote: Quote, user: User) -> bool:
    """Every step done and priced, still editable, and not waiting for the insurer."""
    return _offer_ready(quote) and can_edit(quote, user) and referral_blocks(quote) is None


def can_archive(quote: Quote, user: User) -> bool:
    """Archiving only tidies the list: a frozen quote may be archived too."""
    return _archive_allowed(quote, member=is_member(quote, user))


def _archive_allowed(quote: Quote, *, member: bool) -> bool:
    return member and quote.status != Quote.Status.ARCHIVED


def can_restore(quote: Quote, user: User) -> bool:
    """Undo "Archiver"."""
    return quote.status == Quote.Status.ARCHIVED and is_member(quote, user)


def can_duplicate(quote: Quote, user: User, group: Group | None) -> bool:
    """A copy goes to the user's current sub-account, which must have access to the product."""
    return is_member(quote, user) and _copy_allowed(quote, group)


@dataclass(frozen=True)
class QuoteActions:
    """The answers of every predicate above for one quote, one user and their sub-account,
    for a page to show or hide its buttons (and say why a quote no longer changes); each
    fact is read once."""

    edit: bool
    issue_offer: bool
    archive: bool
    restore: bool
    duplicate: bool
    locked_because: str | None  # why the quote no longer changes, for its banner

    @classmethod
    def of(cls, quote: Quote, user: User, group: Group | None) -> QuoteActions:
        member = is_member(quote, user)
        locked_because = _why_locked(quote, member=member)
        return cls(
            edit=locked_because is None,
            issue_offer=locked_because is None
            and _offer_ready(quote)
            and referral_blocks(quote) is None,
            archive=_archive_allowed(quote, member=member),
            restore=member and quote.status == Quote.Status.ARCHIVED,
            duplicate=member and _copy_allowed(quote, group),
            locked_because=locked_because,
        )


# The checks of the services, run in their transaction once the quote row is locked.


def check_member(office_id: int, user: User) -> None:
    if not Membership.objects.filter(
        user_id=user.pk, office_id=office_id, status=Membership.Status.ACTIVE
    ).exists():
        raise NotAMember


def check_access(group: Group, product: Product) -> None:
    """The group's access is locked until the transaction ends: a revocation waits for it."""
    access = access_of(group, product, lock=True)
    if access is None or not access.is_accepted:
        raise NoAccess


def check_editable(quote: Quote, user: User) -> None:
    """`quote` is the locked row."""
    if quote.status == Quote.Status.ARCHIVED:
        raise QuoteArchived
    if quote.status == Quote.Status.ACCEPTED:
        raise AcceptedByClient
    if quote.status in WITH_THE_INSURER:
        raise WithTheInsurer
    check_member(quote.office_id, user)
    access = access_of(quote.group, quote.product, lock=True)
    if access is None or not access.is_accepted:
        raise QuoteFrozen(str(FROZEN_BECAUSE[access.status if access else None]))


def check_archivable(quote: Quote, user: User) -> None:
    if quote.status == Quote.Status.ARCHIVED:
        raise QuoteArchived
    check_member(quote.office_id, user)
