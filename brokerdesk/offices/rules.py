"""The rules of an office's members, as named predicates the pages ask; the services check
the same rules again with the office locked, so a forged POST is refused like a hidden button.

A member is invited (no account yet: the invitation is resent or revoked), active
(deactivated) or deactivated (reactivated); nothing else moves between these.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from brokerdesk.lib.rules import RuleBroken
from brokerdesk.offices.models import Membership


class StillInvited(RuleBroken):
    message = _(
        "Ce membre n'a pas encore accepté son invitation : révoquez l'invitation plutôt que de "
        "désactiver son compte."
    )


class NotActive(RuleBroken):
    message = _("Seul un compte actif peut être désactivé.")


class NotDeactivated(RuleBroken):
    message = _("Seul un compte désactivé peut être réactivé.")


class NotInvited(RuleBroken):
    message = _("Ce membre a déjà accepté son invitation : gérez son compte depuis sa fiche.")


class MemberErased(RuleBroken):
    message = _(
        "Les données de cet ancien collaborateur sont effacées : invitez-le à nouveau s'il revient."
    )


def can_deactivate(membership: Membership) -> bool:
    return membership.status == Membership.Status.ACTIVE


def can_reactivate(membership: Membership) -> bool:
    """A departed collaborator whose data was erased is invited anew, never reactivated."""
    return membership.status == Membership.Status.DEACTIVATED and not membership.user.erased_at


def is_pending_invitation(membership: Membership) -> bool:
    """An invitation is resent, revoked or accepted only while its member is still invited."""
    return membership.status == Membership.Status.INVITED


def check_deactivate(membership: Membership) -> None:
    if membership.status == Membership.Status.INVITED:
        raise StillInvited
    if not can_deactivate(membership):
        raise NotActive


def check_reactivate(membership: Membership) -> None:
    if membership.user.erased_at:
        raise MemberErased
    if not can_reactivate(membership):
        raise NotDeactivated


def check_invited(membership: Membership) -> None:
    if not is_pending_invitation(membership):
        raise NotInvited
